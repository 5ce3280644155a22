import { DEBIAN_SESSION, exitCode, shExec } from '../common-commands.ts';
import type { Profile } from '../profile.ts';

export const redis: Profile = {
  key: 'redis',
  namespace: 'default',
  workload: 'redis',
  kind: 'StatefulSet',
  container: 'redis',
  image: 'docker.io/library/redis:7.4.1',
  labels: {
    app: 'redis',
    'app.kubernetes.io/component': 'cache',
    'app.kubernetes.io/name': 'redis',
  },
  shell: '/bin/bash',
  boot: {
    binary: '/usr/local/bin/docker-entrypoint.sh',
    args: 'redis-server --appendonly yes',
    cwd: '/data',
    uid: 0,
    children: [
      { binary: '/usr/bin/find', args: '. \\! -user redis -exec chown redis {} +', runMs: [2, 10] },
    ],
    then: {
      binary: '/usr/local/bin/gosu',
      args: 'redis /usr/local/bin/docker-entrypoint.sh redis-server --appendonly yes',
      then: {
        binary: '/usr/local/bin/docker-entrypoint.sh',
        args: 'redis-server --appendonly yes',
        uid: 999,
        then: { binary: '/usr/local/bin/redis-server', args: '*:6379', uid: 999, threads: 5 },
      },
    },
  },
  // BGSAVE / AOF rewrite children are plain forks of redis-server.
  forkJobs: { meanIntervalS: 240, runMs: [150, 3000] },
  probe: {
    periodS: 10,
    command: (rng) =>
      shExec('redis-cli ping', {
        binary: '/usr/local/bin/redis-cli',
        args: 'ping',
        runMs: [1, 5],
        exit: exitCode(rng, [
          [0, 995],
          [1, 5],
        ]),
      }),
  },
  kprobes: {
    meanIntervalS: 30,
    specs: [
      { kind: 'file', path: '/data/appendonlydir/appendonly.aof.3.incr.aof', write: true },
      { kind: 'file', path: '/data/dump.rdb', write: true },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    () => ({ binary: '/usr/local/bin/redis-cli', args: 'info memory', runMs: [2, 10] }),
    () => ({
      binary: '/usr/local/bin/redis-cli',
      args: "--scan --pattern 'session:*'",
      runMs: [20, 400],
    }),
  ],
};
