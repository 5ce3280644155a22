/**
 * Distinct Tetragon export lines for a flood, cheap to make: an exec and, half a minute of
 * event time later, its exit, for processes spread over a few pods. Every line is unique
 * (the pid grows), so each accepted line is one stored event.
 */
export interface FloodLines {
  /** The next `count` lines. */
  next(count: number): string[];
}

/** Event times start this long before now, so retention by age leaves them alone. */
const START_AGO_MS = 60 * 60 * 1000;

export function floodLines(
  options: { firstPid?: number; pods?: number; startMs?: number } = {},
): FloodLines {
  const firstPid = options.firstPid ?? 1_000_000;
  const base = (options.startMs ?? Date.now() - START_AGO_MS) - firstPid;
  let pid = firstPid;
  const pods = options.pods ?? 8;
  let pendingExit: string | undefined;

  const process = (n: number, time: string) => {
    const execId = Buffer.from(`flood-node:${n * 1000}:${n}`).toString('base64');
    return (
      `{"exec_id":"${execId}","pid":${n},"uid":0,"cwd":"/work","binary":"/usr/bin/flood",` +
      `"arguments":"--job ${n} --verbose","flags":"execve clone","start_time":"${time}",` +
      `"auid":4294967295,"pod":{"namespace":"flood","name":"pod-${n % pods}",` +
      `"container":{"id":"containerd://f100d","name":"main"}},"docker":"f100d"}`
    );
  };

  return {
    next(count) {
      const lines: string[] = [];
      while (lines.length < count) {
        if (pendingExit !== undefined) {
          lines.push(pendingExit);
          pendingExit = undefined;
          continue;
        }
        pid += 1;
        const start = new Date(base + pid).toISOString();
        const end = new Date(base + pid + 30_000).toISOString();
        const body = process(pid, start);
        lines.push(
          `{"process_exec":{"process":${body}},"node_name":"flood-node","time":"${start}"}`,
        );
        pendingExit = `{"process_exit":{"process":${body},"status":0,"time":"${end}"},"node_name":"flood-node","time":"${end}"}`;
      }
      return lines;
    },
  };
}
