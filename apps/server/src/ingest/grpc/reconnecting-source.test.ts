import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceTracker } from '../source-status.ts';
import type { EventStreamOpener, StreamHandlers } from './event-stream.ts';
import { createReconnectingSource, type ReconnectingSourceOptions } from './reconnecting-source.ts';
import { recordingPipeline } from './test-support/recording-pipeline.ts';
import { committingLater } from '../../test-support/committing-later.ts';

interface FakeCall {
  handlers: StreamHandlers;
  cancelled: boolean;
  paused: boolean;
}

function fakeOpener() {
  const calls: FakeCall[] = [];
  let closed = false;
  const opener: EventStreamOpener = {
    open(handlers) {
      const call: FakeCall = { handlers, cancelled: false, paused: false };
      calls.push(call);
      return {
        cancel() {
          call.cancelled = true;
        },
        pause() {
          call.paused = true;
        },
        resume() {
          call.paused = false;
        },
      };
    },
    close() {
      closed = true;
    },
  };
  const current = (): StreamHandlers => {
    const call = calls.at(-1);
    if (!call || call.cancelled) throw new Error('no open call');
    return call.handlers;
  };
  return { opener, calls, current, isClosed: () => closed };
}

function setup(overrides: Partial<ReconnectingSourceOptions> = {}) {
  const fake = fakeOpener();
  const tracker = new SourceTracker('grpc:test', 'grpc', 'unix:///test.sock');
  const pipeline = recordingPipeline();
  const logs: string[] = [];
  const source = createReconnectingSource({
    opener: fake.opener,
    toLine: (message) => JSON.stringify(message),
    tracker,
    pipeline,
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { ...fake, tracker, pipeline, logs, source };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('reconnecting source', () => {
  it('hands the messages of one event-loop turn to the pipeline as one numbered batch', () => {
    const { source, current, pipeline, tracker } = setup();
    source.start();
    current().onConnected();
    expect(tracker.connected).toBe(true);

    for (const n of [1, 2, 3]) current().onMessage({ n });
    expect(pipeline.batches).toEqual([]);
    vi.runOnlyPendingTimers();
    expect(pipeline.batches).toEqual([
      [
        { lineNo: 1, text: '{"n":1}' },
        { lineNo: 2, text: '{"n":2}' },
        { lineNo: 3, text: '{"n":3}' },
      ],
    ]);
    expect(tracker.snapshot()).toMatchObject({ connected: true, linesRead: 3, lastError: null });
  });

  it('hands a batch over as soon as it is full', () => {
    const { source, current, pipeline } = setup({ maxBatchLines: 2 });
    source.start();
    for (const n of [1, 2, 3, 4, 5]) current().onMessage(n);
    expect(pipeline.batches.map((batch) => batch.length)).toEqual([2, 2]);
    vi.runOnlyPendingTimers();
    expect(pipeline.batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('passes a message it cannot convert on as a rejected line', () => {
    const { source, current, pipeline, tracker } = setup({
      toLine: (message) => {
        if (message === 'bad') throw new Error('malformed Timestamp');
        return String(message);
      },
    });
    source.start();
    current().onMessage('good');
    current().onMessage('bad');
    vi.runOnlyPendingTimers();
    expect(pipeline.lines).toEqual([
      { lineNo: 1, text: 'good' },
      { lineNo: 2, text: '', error: 'cannot convert the event: malformed Timestamp' },
    ]);
    expect(tracker.snapshot()).toMatchObject({ linesRead: 2, accepted: 1, rejected: 1 });
  });

  it('reconnects after 0.5 s, doubling to 30 s, and starts over once events flow', () => {
    const { source, calls, current, tracker, logs } = setup();
    source.start();
    current().onConnected();
    current().onMessage('before');
    current().onEnd('GetEvents: UNAVAILABLE: agent gone');
    expect(tracker.snapshot()).toMatchObject({
      connected: false,
      linesRead: 1,
      lastError: 'GetEvents: UNAVAILABLE: agent gone',
    });

    const waits: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const before = calls.length;
      let waited = 0;
      while (calls.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
      current().onEnd('GetEvents: UNAVAILABLE: agent gone');
    }
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    // The same error is logged once, not at every attempt.
    expect(logs).toEqual(['grpc:test: GetEvents: UNAVAILABLE: agent gone; reconnecting in 500 ms']);

    vi.advanceTimersByTime(30_000);
    current().onConnected();
    current().onMessage('after');
    expect(tracker.snapshot()).toMatchObject({ connected: true, lastError: null });
    expect(logs.at(-1)).toBe('grpc:test: receiving events again');

    current().onEnd('GetEvents: the agent ended the stream');
    const before = calls.length;
    vi.advanceTimersByTime(499);
    expect(calls.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(calls.length).toBe(before + 1);
  });

  it('flushes pending lines when the stream ends', () => {
    const { source, current, pipeline } = setup();
    source.start();
    current().onMessage('last');
    current().onEnd('GetEvents: INTERNAL: boom');
    expect(pipeline.lines).toEqual([{ lineNo: 1, text: '"last"' }]);
  });

  it('stop() cancels the call, commits what arrived and closes the channel', async () => {
    const { source, calls, current, pipeline, tracker, isClosed } = setup();
    source.start();
    current().onConnected();
    current().onMessage('pending');
    await source.stop();
    expect(calls[0]?.cancelled).toBe(true);
    expect(isClosed()).toBe(true);
    expect(pipeline.lines).toEqual([{ lineNo: 1, text: '"pending"' }]);
    expect(tracker.connected).toBe(false);
  });

  it('stop() during a backoff wait stops reconnecting for good', async () => {
    const { source, calls, current } = setup();
    source.start();
    current().onEnd('GetEvents: UNAVAILABLE: no agent');
    await source.stop();
    vi.advanceTimersByTime(120_000);
    source.start();
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps streaming when the pipeline fails a batch, and reports it', () => {
    const { source, current, tracker, logs } = setup({
      pipeline: {
        ingest() {
          throw new Error('database is locked');
        },
      },
    });
    source.start();
    current().onConnected();
    current().onMessage(1);
    vi.runOnlyPendingTimers();
    expect(tracker.snapshot()).toMatchObject({ connected: true, lastError: 'database is locked' });
    expect(logs).toEqual(['grpc:test: database is locked']);
    current().onMessage(2);
    expect(() => vi.runOnlyPendingTimers()).not.toThrow();
  });
  it('pauses the call while a store that commits later holds too many batches', async () => {
    const { pipeline: later, commits: settle } = committingLater();
    const { source, calls, current, tracker, logs } = setup({
      pipeline: later,
      maxBatchLines: 1,
      maxUncommittedBatches: 3,
    });
    source.start();
    current().onMessage(1);
    current().onMessage(2);
    expect(calls[0]?.paused).toBe(false);
    current().onMessage(3);
    expect(calls[0]?.paused).toBe(true);

    settle[0]?.fail(new Error('could not write to PostgreSQL'));
    await vi.waitFor(() => expect(calls[0]?.paused).toBe(false));
    expect(tracker.lastError).toBe('could not write to PostgreSQL');
    expect(logs).toEqual(['grpc:test: could not write to PostgreSQL']);

    // A call opened while paused starts paused.
    current().onMessage(4);
    expect(calls[0]?.paused).toBe(true);
    current().onEnd('GetEvents: UNAVAILABLE: agent gone');
    vi.advanceTimersByTime(500);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.paused).toBe(true);
    for (const pending of settle.slice(1)) pending.done();
    await vi.waitFor(() => expect(calls[1]?.paused).toBe(false));
    await source.stop();
  });
});
