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
