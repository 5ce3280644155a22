import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompact } from './format-compact.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const sampleFiles = readdirSync(fixtures).filter((name) => name.endsWith('.jsonl'));

function lines(name: string): unknown[] {
  return readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const PRINTED_KINDS = ['process_exec', 'process_exit', 'process_kprobe', 'process_throttle'];

describe('formatCompact on the real samples', () => {
  it.each(sampleFiles)('%s: prints every OSS event and nothing else', (name) => {
    for (const event of lines(name)) {
      const kind = Object.keys(event as object)[0] ?? '';
      for (const timestamps of [false, true]) {
        const line = formatCompact(event, { timestamps });
        if (PRINTED_KINDS.includes(kind)) {
          expect(line).toEqual(expect.any(String));
          expect(line).not.toContain('\n');
        } else {
          expect(line).toBeUndefined();
        }
      }
    }
  });

  it('prints the kprobe use-case docs as tetra does', () => {
    const output = lines('docs-kprobe-events.jsonl').map((e) =>
      formatCompact(e, { timestamps: false }),
    );
    expect(output).toEqual([
      '📝 write   default/file-access /bin/vi /etc/passwd',
      '🔧 setns   default/xwing /usr/bin/nsenter ipc',
      '❓ syscall default/xwing /bin/bash security_bprm_creds_from_file',
      '❓ syscall default/xwing /tmp/su commit_creds',
      '❓ syscall default/xwing /bin/dmesg cap_capable',
      '❓ syscall  /usr/sbin/insmod security_kernel_read_file',
      '❓ syscall  /usr/sbin/insmod do_init_module',
      '❓ syscall demo-app/test-pod /bin/mount security_kernel_module_request',
      '🚀 process kind-control-plane /sbin/modprobe "-q -- fs-xfs"',
      '❓ syscall kind-control-plane /sbin/modprobe security_kernel_read_file',
      '❓ syscall kind-control-plane /sbin/modprobe find_module_sections',
      '❓ syscall  /usr/sbin/rmmod free_module',
      '❓ syscall default/xwing /bin/su __x64_sys_setgid',
      '🔑 setuid  default/xwing /bin/su 0',
    ]);
  });

  it('never throws on arbitrary JSON or mangled sample events', () => {
    const samples = sampleFiles.flatMap(lines);
    const mangled = fc
      .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.string(), fc.jsonValue())))
      .map(([event, patches]) => mangle(event, patches));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mangled), fc.boolean(), (event, timestamps) => {
        const line = formatCompact(event, { timestamps });
        expect(line === undefined || typeof line === 'string').toBe(true);
      }),
    );
  });
});

/** Replaces values at random depths of a deep copy, keyed by the patch names. */
function mangle(event: unknown, patches: [string, unknown][]): unknown {
  const copy = structuredClone(event) as Record<string, unknown>;
  for (const [key, value] of patches) {
    let node: unknown = copy;
    for (const step of key.split('')) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const next = keys[step.charCodeAt(0) % keys.length] ?? '';
      const child = (node as Record<string, unknown>)[next];
      if (!child || typeof child !== 'object') {
        (node as Record<string, unknown>)[next] = value;
        break;
      }
      node = child;
    }
  }
  return copy;
}
