import type { Finding } from './finding.ts';
import {
  basename,
  chmodExecutableTargets,
  isLauncher,
  isShell,
  isTemporaryOrDeleted,
} from './command-line.ts';

export interface FindingSubject {
  execId: string;
  binary: string;
  arguments: string;
  inInitTree: boolean | null;
  inPod: boolean;
  /**
   * Tetragon's `maybe_exec_probe`: the command matches a liveness or readiness exec probe of
   * its container, which the kubelet runs through `runc exec` outside the entrypoint's tree.
   */
  maybeExecProbe?: boolean;
}

export interface FindingContext {
  parent: { execId: string; binary: string } | undefined;
  /** Downloads seen in the same group: path → exec id of the curl or wget that wrote it. */
  downloads: ReadonlyMap<string, string>;
}

/** The findings of one process; deterministic for the same subject and context. */
export function explainFindings(subject: FindingSubject, context: FindingContext): Finding[] {
  const findings: Finding[] = [];
  const parent = context.parent;
  if (isShell(subject.binary) && parent && parent.binary !== '' && !isLauncher(parent.binary)) {
    findings.push({
      rule: 'shell-from-server',
      reason: `${basename(subject.binary)} was started by ${basename(parent.binary)}, which is not a shell or process launcher`,
      relatedExecId: parent.execId,
    });
  }
  const temporary = isTemporaryOrDeleted(subject.binary);
  if (temporary) {
    findings.push({
      rule: 'binary-in-tmp',
      reason: `${subject.binary}: ${temporary}`,
      relatedExecId: null,
    });
  }
  // Probes run outside the init tree by design; flagging them would bury real exec sessions.
  if (subject.inPod && subject.inInitTree === false && subject.maybeExecProbe !== true) {
    findings.push({
      rule: 'exec-session',
      reason: 'not a descendant of the container entrypoint: injected with kubectl exec or nsenter',
      relatedExecId: null,
    });
  }
  const ranDownload = context.downloads.get(subject.binary);
  if (ranDownload !== undefined) {
    findings.push({
      rule: 'fetch-then-exec',
      reason: `runs ${subject.binary}, which was downloaded earlier in this pod`,
      relatedExecId: ranDownload,
    });
  }
  for (const path of chmodExecutableTargets(subject.binary, subject.arguments)) {
    const fetcher = context.downloads.get(path);
    if (fetcher !== undefined) {
      findings.push({
        rule: 'fetch-then-exec',
        reason: `makes ${path} executable after it was downloaded in this pod`,
        relatedExecId: fetcher,
      });
    }
  }
  return findings;
}
