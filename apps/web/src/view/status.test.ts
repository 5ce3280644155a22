import { describe, expect, it } from 'vitest';
import { makeProcess } from '../test/fixtures.ts';
import { processStatus } from './status.ts';
import { nodeLabel } from './node-label.ts';

describe('processStatus', () => {
  it('labels each outcome', () => {
    const p = (o: Parameters<typeof makeProcess>[0]) => processStatus(makeProcess(o));
    expect(p({ execId: 'a' })).toMatchObject({ tone: 'running', label: 'running' });
    expect(p({ execId: 'a', state: 'exited', status: 0 })).toMatchObject({
      tone: 'ok',
      label: 'exit 0',
    });
    expect(p({ execId: 'a', state: 'exited', status: 2 })).toMatchObject({
      tone: 'warn',
      label: 'exit 2',
    });
    expect(p({ execId: 'a', state: 'exited', status: 0, signal: 'SIGKILL' })).toMatchObject({
      tone: 'danger',
      label: 'SIGKILL',
    });
    expect(p({ execId: 'a', state: 'replaced' })).toMatchObject({ label: 'replaced' });
  });
});

describe('nodeLabel', () => {
  it('shows the basename and the arguments, fitted to the card', () => {
    const label = nodeLabel(
      makeProcess({ execId: 'a', binary: '/usr/bin/whoami', arguments: '--version' }),
      248,
    );
    expect(label.name).toBe('whoami');
    expect(label.detail).toBe('--version');
    expect(label.detailIsPath).toBe(false);
    expect(label.full).toBe('/usr/bin/whoami --version');
  });

  it('falls back to the full path without arguments and truncates long text', () => {
    const label = nodeLabel(
      makeProcess({ execId: 'a', binary: `/opt/${'x'.repeat(80)}`, arguments: '' }),
      248,
    );
    expect(label.detailIsPath).toBe(true);
    expect(label.name.endsWith('…')).toBe(true);
    expect(label.detail.endsWith('…')).toBe(true);
    expect(label.detail.length).toBeLessThanOrEqual(33);
  });

  it('escapes control characters in attacker-controlled names', () => {
    const label = nodeLabel(makeProcess({ execId: 'a', binary: '/tmp/a\u202Eb' }), 248);
    expect(label.name).toBe('a\\u202eb');
  });
});
