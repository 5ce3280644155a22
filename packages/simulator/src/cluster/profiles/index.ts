import type { Profile } from '../profile.ts';
import { coredns, kubeProxy } from './kube-system.ts';
import { ledger } from './ledger.ts';
import { grafana, nodeExporter, prometheus } from './monitoring.ts';
import { paymentsApi } from './payments-api.ts';
import { postgres } from './postgres.ts';
import { redis } from './redis.ts';
import { storefront } from './storefront.ts';
import { web } from './web.ts';

/** One pod of each on every node, before any other workload. */
export const DAEMONSETS: readonly Profile[] = [kubeProxy, nodeExporter];

/**
 * Placement order for the remaining pod slots, cycled: the first pass gives every workload
 * one pod, so even a small cluster shows each kind of behaviour.
 */
export const PLACEMENT_ORDER: readonly Profile[] = [
  paymentsApi,
  web,
  postgres,
  ledger,
  storefront,
  redis,
  coredns,
  prometheus,
  grafana,
  paymentsApi,
  web,
  storefront,
  ledger,
  coredns,
];
