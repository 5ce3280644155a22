/**
 * With `--token`, a browser without a valid session gets 401 from the API and has its socket
 * refused. Instead of a broken view it goes to the sign-in form, which brings it back here.
 */
import { isRecord } from './guards.ts';

export const LOGIN_PATH = '/login';
export const LOGOUT_PATH = '/logout';

/** `/login?next=…` for the page the browser is on (the server only follows local paths). */
export function loginUrl(location: Pick<Location, 'pathname' | 'search'>): string {
  const next = `${location.pathname}${location.search}`;
  return `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

let leaving = false;

/** Sends the browser to the sign-in form, once. */
export function goToLogin(win: Pick<Window, 'location'> = window): void {
  if (leaving) return;
  leaving = true;
  win.location.assign(loginUrl(win.location));
}

/** For tests: forget that the page already left. */
export function resetLoginRedirect(): void {
  leaving = false;
}

/**
 * A socket refusal does not say why (the browser hides the handshake's status), so ask the
 * API: 401 means the session ended. Anything else (server down, 403) is left to the caller.
 */
export async function sessionEnded(fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetcher('/api/v1/info', { headers: { accept: 'application/json' } });
    return response.status === 401;
  } catch {
    return false;
  }
}

/** Checks the session after a refused connection; goes to the sign-in form when it ended. */
export async function checkSessionAfterRefusal(fetcher: typeof fetch = fetch): Promise<void> {
  if (await sessionEnded(fetcher)) goToLogin();
}

/** The server's `{ error }` body, if it sent one. */
export function errorMessageOf(body: unknown): string | null {
  return isRecord(body) && typeof body['error'] === 'string' ? body['error'] : null;
}
