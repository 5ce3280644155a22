import { isIP } from 'node:net';

/** True for an address only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** The host name of a Host header (`name:port`, `[v6]:port`), without the port. */
export function hostOfHeader(header: string): string {
  const v6 = /^\[([^\]]*)\]/.exec(header);
  if (v6) return `[${v6[1] ?? ''}]`;
  return header.replace(/:\d*$/, '');
}
