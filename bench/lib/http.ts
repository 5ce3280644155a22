import { Agent, request } from 'node:http';
import { sleep } from './sleep.ts';

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export interface HttpResult {
  status: number;
  body: string;
  retryAfter: string | undefined;
}

export function httpRequest(
  url: string,
  method: 'GET' | 'POST',
  body?: string,
  contentType = 'application/x-ndjson',
  timeoutMs = 300_000,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (body !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = request(url, { method, agent, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          retryAfter: res.headers['retry-after'],
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** GET `path` of the server at `baseUrl` and parse its JSON; any status but 200 is an error. */
export async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const answer = await httpRequest(`${baseUrl}${path}`, 'GET');
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  return JSON.parse(answer.body) as T;
}

export interface IngestAnswer {
  accepted: number;
  rejected: number;
}

/** A body the server kept refusing until the caller's deadline. */
export class GaveUp extends Error {
  override name = 'GaveUp';
}

/** POSTs refused with 429/503 or cut off by the server, and retried: the load was shed. */
export const refusals = { count: 0 };

const MAX_ATTEMPTS = 30;

function cutOff(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

/**
 * POSTs NDJSON lines to /api/v1/events and checks that every line was accepted. A refusal
 * (429 or 503 with Retry-After, the server's ingest admission) is retried after the time it
 * asks for, at most 10 s, as a log shipper would; so is a connection it cut off mid-body.
 */
export async function postEvents(
  baseUrl: string,
  lines: readonly string[],
  /** performance.now() after which a refused body is given up (an error). */
  giveUpAt = Number.POSITIVE_INFINITY,
): Promise<IngestAnswer> {
  const body = `${lines.join('\n')}\n`;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && performance.now() > giveUpAt) {
      throw new GaveUp(`POST /api/v1/events still refused after ${attempt - 1} attempts`);
    }
    let result: HttpResult;
    try {
      result = await httpRequest(`${baseUrl}/api/v1/events`, 'POST', body);
    } catch (error) {
      if (!cutOff(error) || attempt >= MAX_ATTEMPTS) throw error;
      refusals.count += 1;
      await sleep(500);
      continue;
    }
    const refused = result.status === 429 || result.status === 503;
    if (refused && (attempt >= MAX_ATTEMPTS || performance.now() > giveUpAt)) {
      throw new GaveUp(`POST /api/v1/events still refused after ${attempt} attempts`);
    }
    if (refused) {
      refusals.count += 1;
      const seconds = Number(result.retryAfter ?? 1);
      await sleep(Math.min(10_000, Math.max(100, (Number.isFinite(seconds) ? seconds : 1) * 1000)));
      continue;
    }
    if (result.status !== 200) {
      throw new Error(`POST /api/v1/events: ${result.status} ${result.body.slice(0, 300)}`);
    }
    const answer = JSON.parse(result.body) as IngestAnswer;
    if (answer.rejected > 0) {
      throw new Error(`POST /api/v1/events rejected lines: ${result.body.slice(0, 500)}`);
    }
    return answer;
  }
}

export function closeConnections(): void {
  agent.destroy();
}
