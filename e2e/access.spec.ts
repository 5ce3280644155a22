import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/server.ts';

const TOKEN = 'e2e-access-token-0123456789';

test.use({ token: TOKEN });

test('with a token, the browser signs in, goes live over the socket, and signs out', async ({
  page,
  server,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  // A deep link sends the browser to the sign-in form first.
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole('heading', { name: 'exectree' })).toBeVisible();

  await page.getByLabel('Access token').fill('not-the-token-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the access token.');

  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.baseURL}/?ns=default&pod=xwing`);
  // The socket.io handshake carried the session cookie.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(
    page.getByRole('tree', { name: 'Process tree of default/xwing' }).getByRole('treeitem'),
  ).toHaveCount(2);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'exectree_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
  });
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // Signing out (a form the app can render) ends the session.
  const status = await page.evaluate(async () => {
    await fetch('/logout', { method: 'POST' });
    return (await fetch('/api/v1/info')).status;
  });
  expect(status).toBe(401);
  expect(violations).toEqual([]);
});

async function signIn(page: Page, baseURL: string, path: string): Promise<void> {
  await page.goto(`${baseURL}${path}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${baseURL}${path}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
}

const XWING = '/?ns=default&pod=xwing';

test('Sign out in the top bar ends the session', async ({ page, server }) => {
  await signIn(page, server.baseURL, XWING);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  const status = await page.evaluate(async () => (await fetch('/api/v1/info')).status);
  expect(status).toBe(401);
});

test('when the session ends, the next request or reconnection opens the sign-in form', async ({
  context,
  page,
  server,
}) => {
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  const endSession = () => page.evaluate(() => fetch('/logout', { method: 'POST' }));

  // A request of the API (opening a process's details) gets 401.
  await signIn(page, server.baseURL, XWING);
  await endSession();
  await tree.getByRole('treeitem', { name: /whoami/ }).click();
  await expect(page).toHaveURL(/\/login\?next=%2F%3Fns%3Ddefault%26pod%3Dxwing%26exec%3D/);
  await expect(page.getByLabel('Access token')).toBeVisible();

  // The live connection drops and is refused when it comes back.
  await signIn(page, server.baseURL, XWING);
  await endSession();
  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
  await context.setOffline(false);
  await expect(page).toHaveURL(`${server.baseURL}/login?next=${encodeURIComponent(XWING)}`);
});
