import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Sessions signed out early are remembered until they expire; at most this many. */
const MAX_REVOKED = 10_000;

/**
 * Sign-in sessions as signed cookie values, `EXPIRY.NONCE.MAC`: the MAC is an HMAC-SHA256 under
 * a key derived from the access token, so every replica started with the same token accepts
 * the sessions any of them made (replicas behind a load balancer need no shared store), a
 * new token ends every session, and nothing is kept per session. Signing out remembers the
 * session as revoked on the replica that handled it; the browser forgets its cookie.
 */
export class SessionStore {
  private readonly key: Buffer;
  private readonly revoked = new Map<string, number>();

  constructor(
    secret: string,
    private readonly ttlMs = SESSION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('exectree session v1').digest();
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  /** A new session, valid for the TTL. */
  create(): string {
    const payload = `${this.now() + this.ttlMs}.${randomBytes(16).toString('base64url')}`;
    return `${payload}.${this.mac(payload)}`;
  }

  valid(value: string | undefined): boolean {
    const parts = /^(\d{1,15})\.([\w-]{22})\.([\w-]{43})$/.exec(value ?? '');
    if (parts === null) return false;
    const [, expires = '', nonce = '', mac = ''] = parts;
    const expected = Buffer.from(this.mac(`${expires}.${nonce}`));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return false;
    return Number(expires) > this.now() && !this.revoked.has(mac);
  }

  revoke(value: string | undefined): void {
    if (!this.valid(value) || value === undefined) return;
    const [expires = '0', , mac = ''] = value.split('.');
    this.prune();
    if (this.revoked.size >= MAX_REVOKED) {
      const oldest = this.revoked.keys().next().value;
      if (oldest !== undefined) this.revoked.delete(oldest);
    }
    this.revoked.set(mac, Number(expires));
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private prune(): void {
    const now = this.now();
    for (const [mac, expires] of this.revoked) if (expires <= now) this.revoked.delete(mac);
  }
}
