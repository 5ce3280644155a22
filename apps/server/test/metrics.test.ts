import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execLine } from './helpers/events.ts';
import { findMessage, openLiveClient, type LiveClient } from './helpers/live-client.ts';
import { postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer | undefined;
const clients: LiveClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
});

const FAMILIES = {
  exectree_events_ingested_total: 'counter',
  exectree_events_rejected_total: 'counter',
  exectree_events_duplicate_total: 'counter',
  exectree_processes: 'gauge',
  exectree_groups: 'gauge',
  exectree_socket_clients: 'gauge',
  exectree_delta_batch_size: 'histogram',
  exectree_delta_batches_total: 'counter',
  exectree_resyncs_total: 'counter',
  exectree_store_bytes: 'gauge',
  exectree_retention_deleted_total: 'counter',
  exectree_source_connected: 'gauge',
  exectree_source_lag_seconds: 'gauge',
  process_resident_memory_bytes: 'gauge',
} as const;

const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\["\\n])*"`;
const LABELS = String.raw`\{[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}(?:,[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE})*\}`;
const SAMPLE = new RegExp(
  String.raw`^([a-zA-Z_:][a-zA-Z0-9_:]*)(${LABELS})? (-?[0-9.e+]+|NaN|[+-]Inf)$`,
);

/** Checks every line against the text format; returns samples keyed by name{labels}. */
function parseExposition(text: string): {
  types: Map<string, string>;
  samples: Map<string, number>;
} {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.slice(0, -1).split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$/.exec(line);
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* \S/.test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not an exposition line: ${JSON.stringify(line)}`);
    samples.set(`${sample[1]}${sample[2] ?? ''}`, Number(sample[3]?.replace('Inf', 'Infinity')));
  }
  return { types, samples };
}

async function scrape(s: TestServer) {
  const response = await fetch(`${s.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

describe('GET /metrics', () => {
  it('exposes every metric in the Prometheus text format', async () => {
    const hostileFile = join('/nonexistent', 'tetragon "x"} 1\nfake_metric 2\\.log');
    server = await startTestServer({ files: [hostileFile] });
    const s = server;
    const hostile = '/tmp/evil"} 1\n# TYPE evil counter\nevil';
    const lines = [
      execLine({ pid: 1, binary: hostile, pod: { namespace: 'ns', name: 'a' } }),
      execLine({ pid: 2, binary: '/bin/sh', pod: { namespace: 'ns', name: 'a' } }),
      execLine({ pid: 3, binary: '/bin/sh', time: '2026-03-01T00:00:00Z' }),
      JSON.stringify({ process_made_up_type_x: {}, node_name: 'n', time: '2026-01-01T00:00:00Z' }),
    ];
    const { client, received } = openLiveClient(s.url);
    clients.push(client);
    await waitFor('groups:snapshot', () => findMessage(received, 'groups:snapshot'));

    expect((await postEvents(s, `${lines.join('\n')}\nnot json\n`)).status).toBe(200);
    expect((await postEvents(s, lines[0] ?? '')).status).toBe(200);
    await waitFor('groups:delta', () => findMessage(received, 'groups:delta'));
    s.engine.metrics.retentionDeleted.inc(3);

    const { types, samples } = await scrape(s);
    for (const [name, type] of Object.entries(FAMILIES)) expect(types.get(name)).toBe(type);
    const get = (series: string) => samples.get(series);

    expect(get('exectree_events_ingested_total{source="http",type="process_exec"}')).toBe(4);
    expect(get('exectree_events_ingested_total{source="http",type="other"}')).toBe(1);
    expect(get('exectree_events_rejected_total{source="http"}')).toBe(1);
    expect(get('exectree_events_duplicate_total{source="http"}')).toBe(1);
    expect(get('exectree_processes{state="running"}')).toBe(3);
    expect(get('exectree_processes{state="exited"}')).toBe(0);
    expect(get('exectree_processes{state="replaced"}')).toBe(0);
    expect(get('exectree_groups{kind="pod"}')).toBe(1);
    expect(get('exectree_groups{kind="host"}')).toBe(1);
    expect(get('exectree_groups{kind="container"}')).toBe(0);
    expect(get('exectree_socket_clients')).toBe(1);
    expect(get('exectree_delta_batches_total')).toBeGreaterThanOrEqual(1);
    expect(get('exectree_delta_batch_size_count')).toBe(get('exectree_delta_batches_total'));
    expect(get('exectree_delta_batch_size_bucket{le="+Inf"}')).toBe(
      get('exectree_delta_batch_size_count'),
    );
    expect(get('exectree_resyncs_total{reason="backlog"}')).toBe(0);
    expect(get('exectree_store_bytes')).toBeGreaterThan(0);
    expect(get('exectree_retention_deleted_total')).toBe(3);
    expect(get('exectree_source_connected{source="http"}')).toBe(1);
    expect(get('process_resident_memory_bytes')).toBeGreaterThan(0);

    // Lag is measured from the newest event time, 2026-03-01.
    const lag = get('exectree_source_lag_seconds{source="http"}') ?? Number.NaN;
    const expected = (Date.now() - Date.parse('2026-03-01T00:00:00Z')) / 1000;
    expect(Math.abs(lag - expected)).toBeLessThan(60);

    // The hostile file path is an escaped label value; no binary name is ever a label.
    const fileSource = `file:${hostileFile}`
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\n/g, '\\n');
    expect(get(`exectree_source_connected{source="${fileSource}"}`)).toBe(0);
    expect(samples.has('fake_metric')).toBe(false);
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).not.toContain('evil');
  });
});
