export const SESSION_COOKIE = 'exectree_session';

/** The value of cookie `name` in a Cookie header; the first one when it is sent twice. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  /** Add `Secure`: the browser reached the server over https (directly or via a proxy). */
  secure: boolean;
  maxAgeSeconds: number;
}

/** A session cookie scripts cannot read and other sites cannot make the browser send. */
export function sessionCookie(value: string, options: CookieOptions): string {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function expiredSessionCookie(secure: boolean): string {
  return sessionCookie('', { secure, maxAgeSeconds: 0 });
}
