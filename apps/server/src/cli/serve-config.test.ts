import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, DEFAULT_MAX_BODY, parseServeArgs, type ServeConfig } from './serve-config.ts';
import { UsageError } from './usage-error.ts';
import { DEFAULT_RETENTION } from '../retention/retention-job.ts';

function config(argv: string[], env: NodeJS.ProcessEnv = {}): ServeConfig {
  const args = parseServeArgs(argv, env);
  if (args.help) throw new Error('unexpected help');
  return args.config;
}

function usage(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseServeArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('serve arguments', () => {
  it('has defaults and runs the demo when no source is given', () => {
    expect(config([])).toEqual({
      host: '127.0.0.1',
      port: 8080,
      db: DEFAULT_DB,
      dbChosen: false,
      demo: true,
      files: [],
      grpc: [],
      stdin: false,
      maxBodyBytes: DEFAULT_MAX_BODY,
      retention: DEFAULT_RETENTION,
      role: 'all',
      security: {},
      limits: {},
    });
  });

  it('turns the demo off for --no-demo, --file or --stdin', () => {
    expect(config(['--no-demo']).demo).toBe(false);
    expect(config(['--file', 'a.log', '-f', 'b.log'])).toMatchObject({
      demo: false,
      files: ['a.log', 'b.log'],
    });
    expect(config(['--stdin']).demo).toBe(false);
  });

  it('takes repeated --grpc addresses, or EXECTREE_GRPC, and rejects a bad one naming the flag', () => {
    expect(
      config(['--grpc', 'unix:///var/run/tetragon/tetragon.sock', '--grpc', '127.0.0.1:54321']),
    ).toMatchObject({
      demo: false,
      grpc: ['unix:///var/run/tetragon/tetragon.sock', '127.0.0.1:54321'],
    });
    expect(config([], { EXECTREE_GRPC: '/run/t.sock,h:1' }).grpc).toEqual([
      'unix:///run/t.sock',
      'h:1',
    ]);
    expect(() => config(['--grpc', 'nope'])).toThrow(/^--grpc: invalid gRPC address "nope"/);
  });

  it('prefers flags to EXECTREE_* variables', () => {
    const env = {
      EXECTREE_HOST: '0.0.0.0',
      EXECTREE_PORT: '9000',
      EXECTREE_DB: ':memory:',
      EXECTREE_TOKEN: 'a-token-of-20-chars!',
    };
    expect(config([], env)).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      db: ':memory:',
      dbChosen: true,
    });
    expect(config(['--port', '0', '--host', '[::1]'], env)).toMatchObject({ port: 0, host: '::1' });
  });

  it('reads sizes with units', () => {
    expect(config(['--max-body', '512KiB']).maxBodyBytes).toBe(512 * 1024);
    expect(config(['--max-body', '2m']).maxBodyBytes).toBe(2 * 1024 * 1024);
    expect(config(['--max-body=4096']).maxBodyBytes).toBe(4096);
  });

  it('names the flag and what is allowed in one line', () => {
    expect(usage(['--port', 'abc'])).toMatch(/^invalid --port "abc": expected an integer/);
    expect(usage(['--port', '65536'])).toMatch(/--port/);
    expect(usage([], { EXECTREE_PORT: 'x' })).toMatch(/^invalid EXECTREE_PORT "x"/);
    expect(usage(['--max-body', '10'])).toMatch(/--max-body "10": expected a size from 1KiB/);
    expect(usage(['--host', 'a b'])).toMatch(/--host/);
    expect(usage(['--file', 'x', '--file', 'x'])).toBe('--file x is given twice');
    expect(usage(['--nope'])).toMatch(/^unknown option --nope/);
    expect(usage(['--port'])).toMatch(/^option --port needs a value/);
    expect(usage(['stray'])).toMatch(/^unexpected argument 'stray'/);
    for (const message of [usage(['--port', 'abc']), usage(['--nope'])]) {
      expect(message).not.toContain('\n');
    }
  });

  it('recognises --help', () => {
    expect(parseServeArgs(['-h'], {})).toEqual({ help: true });
  });
});
