import { DEBIAN_SESSION, OK, exitCode } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

const PYTHON = '/usr/local/bin/python3.12';

/** A gunicorn master with forked (never exec'd) workers. */
export const paymentsApi: Profile = {
  key: 'payments-api',
  namespace: 'payments',
  workload: 'payments-api',
  kind: 'Deployment',
  container: 'api',
  image: 'ghcr.io/acme/payments-api:2.14.1',
  labels: {
    app: 'payments-api',
    'app.kubernetes.io/component': 'api',
    'app.kubernetes.io/name': 'payments-api',
    'app.kubernetes.io/version': '2.14.1',
    'security.acme.io/pci': 'true',
  },
  shell: '/bin/bash',
  boot: {
    binary: PYTHON,
    args: '/usr/local/bin/gunicorn payments.wsgi:application --bind 0.0.0.0:8000 --workers 3 --timeout 30 --access-logfile -',
    cwd: '/app',
    uid: 1000,
    threads: 1,
  },
  workers: { count: 3, threads: 4 },
  workerCrash: { meanIntervalS: 1500, signals: ['SIGKILL', 'SIGKILL', 'SIGSEGV'] },
  probe: {
    periodS: 15,
    command: (rng) => ({
      binary: PYTHON,
      args: '/app/healthcheck.py --timeout 2',
      runMs: [60, 180],
      exit: exitCode(rng, [
        [0, 990],
        [1, 10],
      ]),
    }),
  },
  jobs: [
    {
      meanIntervalS: 120,
      from: 'worker',
      command: (rng) => ({
        binary: PYTHON,
        args: `-m payments.jobs.reconcile --batch ${rng.pick([100, 250, 500])}`,
        runMs: [400, 6000],
        threads: 2,
        kprobes: [{ kind: 'connect', ...SERVICES.postgres }],
        exit: exitCode(rng, [
          [0, 85],
          [1, 12],
          [2, 3],
        ]),
      }),
    },
    {
      meanIntervalS: 300,
      from: 'worker',
      command: (rng) => {
        const file = `/tmp/upload-${rng.hex(12)}.csv`;
        return {
          binary: '/bin/sh',
          args: `-c "openssl dgst -sha256 ${file}"`,
          children: [{ binary: '/usr/bin/openssl', args: `dgst -sha256 ${file}`, runMs: [3, 25] }],
          exit: OK,
        };
      },
    },
  ],
  kprobes: {
    meanIntervalS: 12,
    specs: [
      { kind: 'connect', ...SERVICES.postgres },
      { kind: 'connect', ...SERVICES.redis },
      { kind: 'connect', ...SERVICES.stripe },
      { kind: 'file', path: '/app/payments/settings.py' },
      { kind: 'file', path: '/etc/ssl/certs/ca-certificates.crt' },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    () => ({
      binary: PYTHON,
      args: 'manage.py showmigrations payments',
      cwd: '/app',
      runMs: [600, 1800],
    }),
    () => ({ binary: '/usr/local/bin/pip', args: 'list', runMs: [300, 900] }),
    (rng) => ({
      binary: '/usr/bin/curl',
      args: '-s localhost:8000/healthz',
      exit: rng.chance(0.05) ? { status: 7 } : OK,
    }),
  ],
};
