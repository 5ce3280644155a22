import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { CHROMIUM, JQ } from './paths.ts';
import type { MachineInfo } from './report-types.ts';

function versionOf(binary: string, args: string[]): string | null {
  if (!existsSync(binary)) return null;
  const result = spawnSync(binary, args, { encoding: 'utf8', timeout: 10_000 });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0];
  return text ? `${text} (${binary})` : binary;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
    jq: versionOf(JQ, ['--version']),
    chromium: versionOf(CHROMIUM, ['--version']),
    loadAverage: loadavg(),
  };
}
