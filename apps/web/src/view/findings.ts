/**
 * Which findings the graph shows. Kubelet runs exec probes through `runc exec`, so a probe is
 * never a descendant of the container entrypoint; the server no longer calls that an exec
 * session, but a store written by an older server still holds such findings. The graph leaves
 * them out and the detail panel lists them marked as expected.
 */
import { FINDING_TITLES, type Finding, type FindingRule, type Process } from '@exectree/domain';

export function isExecProbe(process: Process): boolean {
  return process.pod?.container?.maybeExecProbe === true;
}

export function isExpectedFinding(finding: Finding, process: Process): boolean {
  return finding.rule === 'exec-session' && isExecProbe(process);
}

export function noteworthyFindings(process: Process): Finding[] {
  if (process.findings.length === 0) return process.findings;
  return process.findings.filter((f) => !isExpectedFinding(f, process));
}

/** By process object: the live store keeps unchanged processes as the same object. */
const flaggedCache = new WeakMap<Process, boolean>();

export function isFlagged(process: Process): boolean {
  if (process.findings.length === 0) return false;
  let flagged = flaggedCache.get(process);
  if (flagged === undefined) {
    flagged = process.findings.some((f) => !isExpectedFinding(f, process));
    flaggedCache.set(process, flagged);
  }
  return flagged;
}

export function findingTitle(rule: FindingRule): string {
  return FINDING_TITLES[rule] ?? rule;
}

/** "Shell spawned by a server process" or "2 findings: A; B", for labels and tooltips. */
export function findingsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const titles = [...new Set(findings.map((f) => findingTitle(f.rule)))];
  return findings.length === 1
    ? (titles[0] ?? '')
    : `${findings.length} findings: ${titles.join('; ')}`;
}
