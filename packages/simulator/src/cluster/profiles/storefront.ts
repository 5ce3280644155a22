import { DEBIAN_SESSION, OK, exitCode, shExec } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

/** A Node.js app started by `sh -c 'exec node ...'`: the shell is replaced in place. */
export const storefront: Profile = {
  key: 'storefront',
  namespace: 'default',
  workload: 'storefront',
  kind: 'Deployment',
  container: 'storefront',
  image: 'registry.acme.io/shop/storefront:3.8.2',
  labels: {
    app: 'storefront',
    'app.kubernetes.io/name': 'storefront',
    'app.kubernetes.io/version': '3.8.2',
    team: 'web',
  },
  shell: '/bin/bash',
  boot: shExec(
    'exec node /app/server.js',
    { binary: '/usr/local/bin/node', args: '/app/server.js', cwd: '/app', uid: 1000, threads: 11 },
    '/',
  ),
  jobs: [
    {
      meanIntervalS: 420,
      from: 'main',
      // Not a git checkout inside the image, so this fails the same way every time.
      command: () => ({
        binary: '/usr/bin/git',
        args: 'rev-parse --short HEAD',
        exit: { status: 128 },
      }),
    },
    {
      meanIntervalS: 600,
      from: 'main',
      command: (rng) => ({
        binary: '/bin/sh',
        args: '-c "du -sh /app/.next/cache | cut -f1"',
        children: [
          { binary: '/usr/bin/du', args: '-sh /app/.next/cache', runMs: [5, 60] },
          { binary: '/usr/bin/cut', args: '-f1' },
        ],
        exit: exitCode(rng, [
          [0, 97],
          [1, 3],
        ]),
      }),
    },
  ],
  containerCrash: { meanIntervalS: 14400, signal: 'SIGSEGV' },
  kprobes: {
    meanIntervalS: 20,
    specs: [
      { kind: 'connect', ...SERVICES.paymentsApi },
      { kind: 'connect', ...SERVICES.redis },
      { kind: 'file', path: '/app/.env' },
      { kind: 'file', path: '/app/.next/cache/fetch-cache/index.json', write: true },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    () => ({
      binary: '/usr/local/bin/node',
      args: '-e "console.log(process.versions)"',
      runMs: [40, 90],
    }),
    () => ({
      binary: '/usr/bin/cat',
      args: '/app/.env',
      kprobes: [{ kind: 'file', path: '/app/.env' }],
      exit: OK,
    }),
  ],
};
