import { expect, test } from './fixtures/server.ts';
import { hitMaxLine, SMALL_MAX_LINE } from './fixtures/limits.ts';

// The fixture's lines are about 1.5 KiB: they pass, a longer one does not.
test.use({ serverArgs: SMALL_MAX_LINE });

test('a limit the server hit shows as a warning chip that explains it', async ({
  page,
  server,
}) => {
  await page.goto(server.baseURL);
  await expect(page.getByRole('tree', { name: 'Pods, containers and hosts' })).toBeVisible();
  await expect(page.getByTestId('limits-chip')).toHaveCount(0);

  await hitMaxLine(page, server, 'kind-control-plane');

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
