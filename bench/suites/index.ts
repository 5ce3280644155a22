import type { Suite } from '../lib/suite.ts';
import { ingestSuite } from './ingest.ts';
import { latencySuite } from './latency.ts';
import { memorySuite } from './memory.ts';
import { renderSuite } from './render.ts';
import { restartSuite } from './restart.ts';

/** In the order of the issue; each runs alone with its own servers and scratch directory. */
export const SUITES: readonly Suite[] = [
  ingestSuite,
  memorySuite,
  latencySuite,
  renderSuite,
  restartSuite,
];
