import { describe, expect, it } from 'vitest';
import { generateLines } from '@exectree/simulator';
import { ProcessTreeBuilder, parseLine, type ParsedEvent } from '@exectree/domain';
import { fixtureLines } from '../../test/helpers/fixtures.ts';
import { RepeatSnapshotFilter } from './repeat-snapshots.ts';

function parsed(lines: readonly string[]): ParsedEvent[] {
  return lines.flatMap((line) => {
    const result = parseLine(line);
    return result.kind === 'event' ? [result.event] : [];
  });
}

/** Everything the tree shows: processes per group, markers, and where each process hangs. */
function view(events: readonly ParsedEvent[], filter?: RepeatSnapshotFilter, filtered = Infinity) {
  const builder = new ProcessTreeBuilder();
  events.forEach((event, index) =>
    builder.apply(filter && index < filtered ? filter.strip(event) : event),
  );
  const groups = builder.groups();
  return {
    groups,
    processes: groups.map((group) => builder.processes(group.key)),
    trees: groups.map((group) => builder.tree(group.key)),
    markers: builder.markers(),
  };
}

describe('RepeatSnapshotFilter', () => {
  it.each([
    ['an ordered simulator stream', generateLines({ seed: 11, count: 4_000 })],
    ['a chaotic simulator stream', generateLines({ seed: 12, count: 4_000, chaos: true })],
    [
      'the sample files',
      [
        'book-secobs-ebpf-events.jsonl',
        'docs-curl-exec-without-clone.jsonl',
        'docs-kprobe-events.jsonl',
        'docs-throttle-events.jsonl',
        'docs-whoami-exec-exit.jsonl',
        'testdata-events.jsonl',
      ].flatMap(fixtureLines),
    ],
  ])('builds the same tree as applying every event in full: %s', (_name, lines) => {
    const events = parsed(lines);
    expect(view(events, new RepeatSnapshotFilter())).toEqual(view(events));
  });

  it('builds the same tree when it keeps the snapshots of only a few processes', () => {
    const events = parsed(generateLines({ seed: 15, count: 4_000, chaos: true }));
    expect(view(events, new RepeatSnapshotFilter(20))).toEqual(view(events));
  });

  it('leaves the tree merging later live events as it would have', () => {
    const events = parsed(generateLines({ seed: 14, count: 4_000, chaos: true }));
    expect(view(events, new RepeatSnapshotFilter(), 2_500)).toEqual(view(events));
  });

  it('drops repeated snapshots but keeps the identity exits and probes need', () => {
    const events = parsed(generateLines({ seed: 13, count: 2_000 }));
    const filter = new RepeatSnapshotFilter();
    const stripped = events.map((event) => filter.strip(event));
    const parents = (list: ParsedEvent[]) => list.filter((event) => event.parent).length;
    expect(parents(stripped)).toBeLessThan(parents(events) / 2);
    stripped.forEach((event, index) => {
      expect(event.process?.execId).toBe(events[index]?.process?.execId);
      expect(event.exit).toBe(events[index]?.exit);
    });
  });
});
