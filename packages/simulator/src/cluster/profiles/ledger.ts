import { DEBIAN_SESSION, OK, exitCode, shExec } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

const JAVA = '/opt/java/openjdk/bin/java';

/** A JVM started through `sh -c "exec java ..."`; it gets OOM-killed now and then. */
export const ledger: Profile = {
  key: 'ledger',
  namespace: 'payments',
  workload: 'ledger',
  kind: 'Deployment',
  container: 'ledger',
  image: 'registry.acme.io/payments/ledger:4.2.0',
  labels: {
    app: 'ledger',
    'app.kubernetes.io/component': 'backend',
    'app.kubernetes.io/name': 'ledger',
    'app.kubernetes.io/version': '4.2.0',
  },
  shell: '/bin/sh',
  boot: shExec(
    'exec java $JAVA_OPTS -jar /app/ledger.jar',
    {
      binary: JAVA,
      args: '-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -jar /app/ledger.jar --spring.profiles.active=prod',
      uid: 1001,
      threads: 48,
    },
    '/',
  ),
  containerCrash: { meanIntervalS: 5400, signal: 'SIGKILL' },
  jobs: [
    {
      meanIntervalS: 480,
      from: 'main',
      command: (rng) => {
        const month = `2025-${String(rng.int(1, 12)).padStart(2, '0')}`;
        const upload = exitCode(rng, [
          [0, 90],
          [1, 10],
        ]);
        return {
          binary: '/bin/sh',
          args: `/app/bin/export-statements.sh ${month}`,
          children: [
            { binary: '/usr/bin/gzip', args: `-9 /tmp/statements-${month}.csv`, runMs: [50, 900] },
            {
              binary: '/usr/local/bin/aws',
              args: `s3 cp /tmp/statements-${month}.csv.gz s3://acme-ledger-exports/${month}/`,
              runMs: [300, 2500],
              kprobes: [{ kind: 'connect', daddr: '52.217.45.110', dport: 443 }],
              exit: upload,
            },
          ],
          exit: upload,
        };
      },
    },
    {
      meanIntervalS: 900,
      from: 'main',
      command: () => ({ binary: '/usr/bin/df', args: '-Pk /tmp', exit: OK }),
    },
  ],
  kprobes: {
    meanIntervalS: 15,
    specs: [
      { kind: 'connect', ...SERVICES.postgres },
      { kind: 'connect', ...SERVICES.kafka },
      { kind: 'file', path: '/app/config/application-prod.yml' },
    ],
  },
  sessionCommands: [
    ...DEBIAN_SESSION,
    () => ({ binary: '/opt/java/openjdk/bin/jcmd', args: '1 GC.heap_info', runMs: [300, 900] }),
    () => ({ binary: '/usr/bin/cat', args: '/proc/1/status' }),
  ],
};
