/** ClusterIP addresses the simulated workloads talk to (tcp_connect destinations). */
export const SERVICES = {
  apiServer: { daddr: '10.96.0.1', dport: 443 },
  postgres: { daddr: '10.96.41.17', dport: 5432 },
  redis: { daddr: '10.96.88.203', dport: 6379 },
  paymentsApi: { daddr: '10.96.132.9', dport: 8000 },
  kafka: { daddr: '10.96.17.240', dport: 9092 },
  prometheus: { daddr: '10.96.200.14', dport: 9090 },
  nodeExporter: { daddr: '10.128.0.11', dport: 9100 },
  stripe: { daddr: '52.85.132.94', dport: 443 },
} as const;

/** Documentation address ranges (RFC 5737), standing in for attacker infrastructure. */
export const ATTACKER = {
  dropper: '198.51.100.23',
  c2: '203.0.113.50',
  reverseShell: '192.0.2.10',
} as const;
