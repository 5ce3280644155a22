import type { Process } from '@exectree/domain';

/** A running `/bin/sh` on node-a's host, as the tree would report it; tests override the rest. */
export function hostProcess(execId: string, fields: Partial<Process> = {}): Process {
  return {
    execId,
    parentExecId: null,
    pid: 1,
    node: 'node-a',
    binary: '/bin/sh',
    arguments: '',
    cwd: '/',
    uid: 0,
    auid: null,
    startTime: '2026-01-01T00:00:00Z',
    state: 'running',
    exitTime: null,
    status: null,
    signal: null,
    flags: [],
    pod: null,
    inInitTree: null,
    docker: null,
    group: 'host/node-a',
    source: 'exec',
    preExisting: false,
    replacedBy: null,
    eventCount: 0,
    findings: [],
    ...fields,
  };
}
