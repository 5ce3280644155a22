import { expect, test } from './fixtures/server.ts';

// The fixture's lines are about 1.5 KiB: they pass, a longer one does not.
test.use({ serverArgs: ['--max-line', '4k'] });

interface Info {
  limits?: { name: string; hits: number }[];
}

test('a limit the server hit shows as a warning chip that explains it', async ({
  page,
  server,
}) => {
  await page.goto(server.baseURL);
  await expect(page.getByRole('tree', { name: 'Pods, containers and hosts' })).toBeVisible();
  await expect(page.getByTestId('limits-chip')).toHaveCount(0);

  const tooLong = JSON.stringify({
    process_exec: { process: { binary: '/bin/echo', arguments: 'x'.repeat(8_000) } },
    node_name: 'kind-control-plane',
    time: new Date().toISOString(),
  });
  await server.appendLines([tooLong]);
  await expect
    .poll(async () => {
      const info = (await (await page.request.get(`${server.baseURL}/api/v1/info`)).json()) as Info;
      return info.limits?.find((limit) => limit.name === 'max_line')?.hits;
    }, 'max_line hits')
    .toBe(1);

  // A new page gets the count with the connection; an open one within its next poll.
  await page.reload();
  const chip = page.getByTestId('limits-chip');
  await expect(chip).toHaveText('1 limit hit');
  await expect(chip).toHaveAttribute('title', /--max-line 4 KiB\): once: event lines longer/);
  await chip.click();
  const popover = page.getByRole('dialog', { name: 'Limits hit' });
  await expect(popover.getByTestId('limit-hit')).toHaveText([
    /--max-line 4 KiB\s*once: event lines longer than this were rejected/,
  ]);
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
  // The line that fit is still shown.
  await expect(
    page.getByRole('tree', { name: 'Pods, containers and hosts' }).getByRole('treeitem', {
      name: /^xwing,/,
    }),
  ).toBeVisible();
});
