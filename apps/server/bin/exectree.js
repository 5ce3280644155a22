#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx; there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
// Standard input or a stray timer must not keep a finished command alive.
setTimeout(() => process.exit(code), 2000).unref();
