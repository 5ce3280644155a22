/**
 * The full flood: 50,000 events per second offered for 60 s to a fresh `exectree serve` on
 * 127.0.0.1, while /healthz is probed. Not part of `npm test` (see docs/security.md):
 *
 *   node --import tsx apps/server/scripts/flood.ts [--rate N] [--seconds N]
 *        [--lines N] [--in-flight N] [-- SERVE FLAGS...]
 *
 * Exits 1 when /healthz p99 is 200 ms or more, a probe failed, or the stored events are not
 * exactly the accepted ones.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runFlood } from './flood/run-flood.ts';

const { values, positionals } = parseArgs({
  options: {
    rate: { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '60' },
    lines: { type: 'string', default: '500' },
    'in-flight': { type: 'string', default: '256' },
  },
  allowPositionals: true,
});
const positive = z.coerce.number().int().positive();
const options = {
  eventsPerSecond: positive.parse(values.rate),
  durationMs: positive.parse(values.seconds) * 1000,
  linesPerRequest: positive.parse(values.lines),
  maxInFlight: positive.parse(values['in-flight']),
  // The tree's memory is bounded per pod: the flood's 8 pods keep 5,000 processes each.
  serveArgs: positionals.length > 0 ? positionals : ['--max-pod-processes', '5000'],
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `offering ${options.eventsPerSecond} events/s for ${options.durationMs / 1000} s in requests of ${options.linesPerRequest} lines (serve ${options.serveArgs.join(' ')})`,
);
const result = await runFlood(options);
const { offer, health, rss } = result;
const seconds = offer.elapsedMs / 1000;
console.log(
  `offered:   ${offer.offeredLines} lines in ${offer.requests} requests (${(offer.offeredLines / seconds).toFixed(0)}/s); ${offer.skippedLines} not offered (all ${options.maxInFlight} request slots busy)`,
);
console.log(
  `accepted:  ${offer.acceptedLines} lines (${(offer.acceptedLines / seconds).toFixed(0)}/s) in ${offer.acceptedRequests} requests`,
);
console.log(
  `refused:   ${offer.refused} requests with 429 (${offer.refusedWithRetryAfter} with Retry-After); other: ${JSON.stringify(offer.otherStatuses)}; unanswered: ${offer.errors}`,
);
console.log(`stored:    ${result.stored} events`);
console.log(
  `/healthz:  ${health.probes} probes, p50 ${health.p50Ms.toFixed(1)} ms, p99 ${health.p99Ms.toFixed(1)} ms, max ${health.maxMs.toFixed(1)} ms, ${health.failures} failed`,
);
console.log(
  `RSS:       first ${mb(rss.firstBytes)}, max ${mb(rss.maxBytes)}, last ${mb(rss.lastBytes)}; at each tenth of the run: ${rss.tenths.map(mb).join(', ')}`,
);

const storedOk =
  result.stored >= offer.acceptedLines &&
  result.stored <= offer.acceptedLines + offer.unansweredLines;
const ok = health.p99Ms < 200 && health.failures === 0 && storedOk;
console.log(ok ? 'PASS' : 'FAIL');
process.exitCode = ok ? 0 : 1;
