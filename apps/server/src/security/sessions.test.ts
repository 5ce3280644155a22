import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions.ts';

describe('SessionStore', () => {
  it('accepts its own sessions until they expire or are revoked', () => {
    let now = 1_000;
    const store = new SessionStore('a-secret-of-some-length', 60_000, () => now);
    const session = store.create();
    expect(store.valid(session)).toBe(true);
    expect(new SessionStore('a-secret-of-some-length', 60_000, () => now).valid(session)).toBe(
      true,
    );
    expect(new SessionStore('another-secret-entirely', 60_000, () => now).valid(session)).toBe(
      false,
    );
    now += 60_000;
    expect(store.valid(session)).toBe(false);

    const other = store.create();
    store.revoke(other);
    expect(store.valid(other)).toBe(false);
  });

  it('refuses anything it did not sign', () => {
    const store = new SessionStore('a-secret-of-some-length');
    const [expires, nonce, mac] = store.create().split('.');
    for (const forged of [
      `${Number(expires) + 1}.${nonce}.${mac}`,
      `${expires}.${nonce}.${'A'.repeat(43)}`,
      `${expires}.${nonce}`,
      '',
      undefined,
      'x'.repeat(10_000),
    ]) {
      expect(store.valid(forged), String(forged).slice(0, 40)).toBe(false);
    }
  });
});
