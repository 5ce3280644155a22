// Preloaded into a server under test (NODE_OPTIONS="--expose-gc --import=<this file>"):
// on SIGUSR2 it collects garbage and prints the process's memory on stdout, so the bench
// reads RSS after a full GC instead of whatever the collector happened to leave.
import { getHeapStatistics } from 'node:v8';

process.on('SIGUSR2', () => {
  const gc = globalThis.gc;
  if (typeof gc === 'function') {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  const limit = getHeapStatistics().heap_size_limit;
  process.stdout.write(`bench-gc ${JSON.stringify({ ...usage, heapLimit: limit })}\n`);
});
