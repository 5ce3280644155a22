import { BUSYBOX_SESSION, shExec } from '../common-commands.ts';
import type { Profile } from '../profile.ts';
import { SERVICES } from '../services.ts';

export const nodeExporter: Profile = {
  key: 'node-exporter',
  namespace: 'monitoring',
  workload: 'prometheus-node-exporter',
  kind: 'DaemonSet',
  container: 'node-exporter',
  image: 'quay.io/prometheus/node-exporter:v1.8.2',
  labels: {
    'app.kubernetes.io/component': 'metrics',
    'app.kubernetes.io/instance': 'kube-prometheus',
    'app.kubernetes.io/name': 'prometheus-node-exporter',
    'app.kubernetes.io/part-of': 'prometheus-node-exporter',
  },
  shell: '/bin/sh',
  boot: {
    binary: '/bin/node_exporter',
    args: '--path.procfs=/host/proc --path.sysfs=/host/sys --path.rootfs=/host/root --web.listen-address=[0.0.0.0]:9100',
    cwd: '/',
    uid: 65534,
    threads: 8,
  },
  kprobes: {
    meanIntervalS: 15,
    specs: [
      { kind: 'file', path: '/host/proc/stat' },
      { kind: 'file', path: '/host/proc/meminfo' },
      { kind: 'file', path: '/host/sys/class/net/eth0/statistics/rx_bytes' },
    ],
  },
  sessionCommands: [],
};

export const prometheus: Profile = {
  key: 'prometheus',
  namespace: 'monitoring',
  workload: 'prometheus-server',
  kind: 'StatefulSet',
  container: 'prometheus',
  image: 'quay.io/prometheus/prometheus:v2.55.1',
  labels: {
    'app.kubernetes.io/component': 'server',
    'app.kubernetes.io/instance': 'kube-prometheus',
    'app.kubernetes.io/name': 'prometheus',
  },
  shell: '/bin/sh',
  boot: {
    binary: '/bin/prometheus',
    args: '--config.file=/etc/config/prometheus.yml --storage.tsdb.path=/data --storage.tsdb.retention.time=15d --web.enable-lifecycle',
    cwd: '/prometheus',
    uid: 65534,
    threads: 20,
  },
  kprobes: {
    meanIntervalS: 20,
    specs: [
      { kind: 'connect', ...SERVICES.nodeExporter },
      { kind: 'connect', ...SERVICES.apiServer },
      { kind: 'file', path: '/data/wal/00000042', write: true },
    ],
  },
  sessionCommands: [...BUSYBOX_SESSION],
};

export const grafana: Profile = {
  key: 'grafana',
  namespace: 'monitoring',
  workload: 'grafana',
  kind: 'Deployment',
  container: 'grafana',
  image: 'docker.io/grafana/grafana:11.3.0',
  labels: {
    'app.kubernetes.io/instance': 'kube-prometheus',
    'app.kubernetes.io/name': 'grafana',
    'app.kubernetes.io/version': '11.3.0',
  },
  shell: '/bin/sh',
  boot: {
    binary: '/run.sh',
    cwd: '/usr/share/grafana',
    uid: 472,
    then: {
      binary: '/usr/share/grafana/bin/grafana',
      args: 'server --homepath=/usr/share/grafana --config=/etc/grafana/grafana.ini --packaging=docker cfg:default.log.mode=console',
      threads: 14,
    },
  },
  probe: {
    periodS: 30,
    command: () =>
      shExec('wget -q --spider http://localhost:3000/api/health', {
        binary: '/usr/bin/wget',
        args: '-q --spider http://localhost:3000/api/health',
        runMs: [3, 20],
      }),
  },
  kprobes: {
    meanIntervalS: 30,
    specs: [
      { kind: 'connect', ...SERVICES.prometheus },
      { kind: 'file', path: '/var/lib/grafana/grafana.db', write: true },
    ],
  },
  sessionCommands: [...BUSYBOX_SESSION],
};
