import { DEBIAN_SESSION, OK, status } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

const ENTRYPOINT_SCRIPTS = [
  '10-listen-on-ipv6-by-default.sh',
  '15-local-resolvers.envsh',
  '20-envsubst-on-templates.sh',
  '30-tune-worker-processes.sh',
];

/** nginx behind the official image's docker-entrypoint.sh, which execs nginx in place. */
export const web: Profile = {
  key: 'web',
  namespace: 'default',
  workload: 'web',
  kind: 'Deployment',
  container: 'nginx',
  image: 'docker.io/library/nginx:1.27.3',
  labels: {
    app: 'web',
    'app.kubernetes.io/name': 'web',
    'app.kubernetes.io/version': '1.27.3',
    tier: 'frontend',
  },
  shell: '/bin/bash',
  boot: {
    binary: '/docker-entrypoint.sh',
    args: 'nginx -g "daemon off;"',
    cwd: '/',
    uid: 0,
    children: [
      {
        binary: '/usr/bin/find',
        args: '/docker-entrypoint.d/ -mindepth 1 -maxdepth 1 -type f -print -quit',
      },
      ...ENTRYPOINT_SCRIPTS.map((script) => ({
        binary: '/bin/sh',
        args: `/docker-entrypoint.d/${script}`,
        runMs: [2, 12] as const,
      })),
    ],
    then: { binary: '/usr/sbin/nginx', args: '-g "daemon off;"', threads: 1 },
  },
  workers: { count: 2 },
  workerCrash: { meanIntervalS: 2400, signals: ['SIGSEGV'] },
  jobs: [
    {
      meanIntervalS: 900,
      from: 'main',
      command: (rng) => ({
        binary: '/usr/sbin/nginx',
        args: '-t -q',
        exit: rng.chance(0.05) ? status(1) : OK,
      }),
    },
  ],
  kprobes: {
    meanIntervalS: 25,
    specs: [
      { kind: 'file', path: '/usr/share/nginx/html/index.html' },
      { kind: 'file', path: '/etc/nginx/conf.d/default.conf' },
      { kind: 'file', path: '/var/log/nginx/access.log', write: true },
      { kind: 'connect', ...SERVICES.paymentsApi },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    () => ({ binary: '/usr/bin/cat', args: '/etc/nginx/conf.d/default.conf' }),
    () => ({ binary: '/usr/sbin/nginx', args: '-T', runMs: [2, 8] }),
    (rng) => ({
      binary: '/usr/bin/curl',
      args: '-sI http://localhost/',
      exit: rng.chance(0.1) ? status(7) : OK,
    }),
  ],
};
