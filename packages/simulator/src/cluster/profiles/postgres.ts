import { DEBIAN_SESSION, OK, exitCode, shExec, status } from '../common-commands.ts';
import type { Command, Profile } from '../profile.ts';

const PG_BIN = '/usr/lib/postgresql/16/bin';
const DATA = '/var/lib/postgresql/data';

function walSegment(n: number): string {
  return '00000001' + '00000000' + n.toString(16).toUpperCase().padStart(8, '0');
}

/**
 * The official image: docker-entrypoint.sh re-execs itself through gosu as the postgres
 * user and finally execs postgres, three images on one pid without a fork.
 */
export const postgres: Profile = {
  key: 'postgres',
  namespace: 'payments',
  workload: 'postgres',
  kind: 'StatefulSet',
  container: 'postgres',
  image: 'docker.io/library/postgres:16.4',
  labels: {
    app: 'postgres',
    'app.kubernetes.io/component': 'database',
    'app.kubernetes.io/name': 'postgres',
  },
  shell: '/bin/bash',
  boot: {
    binary: '/usr/local/bin/docker-entrypoint.sh',
    args: 'postgres',
    cwd: '/',
    uid: 0,
    children: [
      {
        binary: '/usr/bin/find',
        args: `${DATA} ! -user postgres -exec chown postgres {} +`,
        runMs: [5, 40],
      },
      { binary: '/usr/bin/chmod', args: `00700 ${DATA}` },
    ],
    then: {
      binary: '/usr/local/bin/gosu',
      args: 'postgres /usr/local/bin/docker-entrypoint.sh postgres',
      then: {
        binary: '/usr/local/bin/docker-entrypoint.sh',
        args: 'postgres',
        uid: 999,
        children: [{ binary: '/usr/bin/id', args: '-u' }],
        then: { binary: `${PG_BIN}/postgres`, uid: 999, threads: 1 },
      },
    },
  },
  // checkpointer, background writer, walwriter, autovacuum launcher, logical replication launcher
  workers: { count: 5 },
  forkJobs: { meanIntervalS: 4, runMs: [15, 2500] },
  probe: {
    periodS: 10,
    command: (rng) =>
      shExec('pg_isready -U postgres -h 127.0.0.1 -p 5432', {
        binary: `${PG_BIN}/pg_isready`,
        args: '-U postgres -h 127.0.0.1 -p 5432',
        runMs: [2, 9],
        exit: exitCode(rng, [
          [0, 980],
          [1, 5],
          [2, 15],
        ]),
      }),
  },
  jobs: [
    {
      meanIntervalS: 180,
      from: 'worker',
      command: (rng): Command => {
        const segment = walSegment(rng.int(0x30, 0x4ff));
        const archived = rng.chance(0.08);
        return {
          binary: '/bin/sh',
          args: `-c "test ! -f /wal-archive/${segment} && cp pg_wal/${segment} /wal-archive/${segment}"`,
          cwd: DATA,
          children: archived
            ? []
            : [
                {
                  binary: '/usr/bin/cp',
                  args: `pg_wal/${segment} /wal-archive/${segment}`,
                  runMs: [20, 180],
                  kprobes: [{ kind: 'file', path: `/wal-archive/${segment}`, write: true }],
                },
              ],
          exit: archived ? status(1) : OK,
        };
      },
    },
  ],
  kprobes: {
    meanIntervalS: 18,
    specs: [
      { kind: 'file', path: `${DATA}/postgresql.conf` },
      { kind: 'file', path: `${DATA}/pg_wal/000000010000000000000042`, write: true },
      { kind: 'file', path: `${DATA}/base/16384/2619` },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    (rng) => ({
      binary: `${PG_BIN}/psql`,
      args: '-U postgres -c "select count(*) from pg_stat_activity"',
      runMs: [20, 120],
      exit: rng.chance(0.1) ? status(2) : OK,
    }),
    () => ({ binary: '/usr/bin/ls', args: `-la ${DATA}` }),
    () => ({
      binary: '/usr/bin/cat',
      args: `${DATA}/pg_hba.conf`,
      kprobes: [{ kind: 'file', path: `${DATA}/pg_hba.conf` }],
    }),
  ],
};
