import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

export interface ProbeReport {
  /** Milliseconds from sending GET /healthz to its whole answer, one per probe. */
  latenciesMs: number[];
  failures: number;
  /** Resident set size of the server process, sampled (bytes); empty off Linux. */
  rssBytes: number[];
}

/** The server's RSS from /proc, without asking the server (which would add work to it). */
function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Asks /healthz every `intervalMs` and samples the server's RSS until `stop()`. */
export function probeHealth(
  url: string,
  options: { intervalMs?: number; pid?: number; token?: string } = {},
) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const report: ProbeReport = { latenciesMs: [], failures: 0, rssBytes: [] };
  let stopped = false;

  const once = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const req = request(
        { agent, host: target.hostname, port: target.port, path: '/healthz', timeout: 10_000 },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) report.latenciesMs.push(performance.now() - sent);
            else report.failures += 1;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => {
        report.failures += 1;
        resolve();
      });
      req.end();
    });

  const loop = (async () => {
    while (!stopped) {
      const next = performance.now() + (options.intervalMs ?? 50);
      await once();
      if (options.pid !== undefined) {
        const rss = rssOf(options.pid);
        if (rss !== undefined) report.rssBytes.push(rss);
      }
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    report,
    async stop(): Promise<ProbeReport> {
      stopped = true;
      await loop;
      agent.destroy();
      return report;
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}
