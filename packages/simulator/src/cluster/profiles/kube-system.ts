import { OK, exitCode } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

/** Distroless: no shell, so nobody execs into it. */
export const coredns: Profile = {
  key: 'coredns',
  namespace: 'kube-system',
  workload: 'coredns',
  kind: 'Deployment',
  container: 'coredns',
  image: 'registry.k8s.io/coredns/coredns:v1.11.3',
  labels: { 'k8s-app': 'kube-dns' },
  shell: '/bin/sh',
  boot: {
    binary: '/coredns',
    args: '-conf /etc/coredns/Corefile',
    cwd: '/',
    uid: 65532,
    threads: 12,
  },
  kprobes: {
    meanIntervalS: 60,
    specs: [
      { kind: 'connect', ...SERVICES.apiServer },
      { kind: 'file', path: '/etc/coredns/Corefile' },
    ],
  },
  sessionCommands: [],
};

/** kube-proxy shells out to iptables on every sync. */
export const kubeProxy: Profile = {
  key: 'kube-proxy',
  namespace: 'kube-system',
  workload: 'kube-proxy',
  kind: 'DaemonSet',
  container: 'kube-proxy',
  image: 'registry.k8s.io/kube-proxy:v1.31.4',
  labels: { 'k8s-app': 'kube-proxy' },
  shell: '/bin/sh',
  boot: {
    binary: '/usr/local/bin/kube-proxy',
    args: '--config=/var/lib/kube-proxy/config.conf --hostname-override=$(NODE_NAME)',
    cwd: '/',
    uid: 0,
    threads: 9,
  },
  jobs: [
    {
      meanIntervalS: 30,
      from: 'main',
      command: (rng) => ({
        binary: '/usr/sbin/iptables',
        args: `-w 5 -W 100000 -S KUBE-PROXY-CANARY -t ${rng.pick(['mangle', 'nat', 'filter'])}`,
        runMs: [2, 15],
        exit: OK,
      }),
    },
    {
      meanIntervalS: 60,
      from: 'main',
      command: (rng) => ({
        binary: '/usr/sbin/iptables-restore',
        args: '-w 5 -W 100000 --noflush --counters',
        runMs: [10, 120],
        // 4 = "resource problem": another process held the xtables lock.
        exit: exitCode(rng, [
          [0, 97],
          [4, 3],
        ]),
      }),
    },
  ],
  kprobes: { meanIntervalS: 90, specs: [{ kind: 'connect', ...SERVICES.apiServer }] },
  sessionCommands: [],
};
