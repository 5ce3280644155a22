import { expect, test } from './fixtures/server.ts';
import { BASH_EXEC_ID, WHOAMI_EXEC_ID } from './fixtures/events.ts';

test.describe('seed scenario: whoami in default/xwing', () => {
  test('shows bash → whoami, its details, and reopens from the copied URL', async ({
    page,
    context,
    server,
  }) => {
    await page.goto(`${server.baseURL}/`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);

    const pods = page.getByRole('tree', { name: 'Pods, containers and hosts' });
    await expect(pods.getByRole('treeitem', { name: /^default,/ })).toBeVisible();
    await pods.getByRole('treeitem', { name: /^xwing,/ }).click();

    const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
    const bash = tree.getByRole('treeitem', { name: /^\/bin\/bash\b/ });
    const whoami = tree.getByRole('treeitem', { name: /^\/usr\/bin\/whoami --version/ });
    await expect(bash).toHaveAttribute('aria-level', '1');
    await expect(bash).toHaveAttribute('data-exec-id', BASH_EXEC_ID);
    await expect(whoami).toHaveAttribute('aria-level', '2');
    await expect(whoami.getByTestId('node-badge')).toHaveText('exit 0');

    await whoami.click();
    await expect(whoami).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByTestId('detail-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('whoami');
    await expect(panel.getByTestId('command-line')).toHaveText('/usr/bin/whoami --version');
    await expect(panel.getByTestId('field-cwd').locator('dd')).toHaveText('/');
    await expect(panel.getByTestId('field-outcome').locator('dd')).toHaveText('0');
    await expect(panel.getByTestId('field-pod').locator('dd')).toHaveText('default/xwing');
    await expect(panel.getByTestId('exec-id-decoded')).toHaveText(
      'node kind-control-plane ktime 11428615636901 pid 51583',
    );
    await expect(panel.getByTestId('ancestry')).toContainText('bash');

    await expect(page).toHaveURL(/\?ns=default&pod=xwing&exec=/);
    const copied = page.url();
    expect(new URL(copied).searchParams.get('exec')).toBe(WHOAMI_EXEC_ID);

    const again = await context.newPage();
    await again.goto(copied);
    await expect(again.getByRole('treeitem', { name: /^xwing,/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const whoamiAgain = again
      .getByRole('tree', { name: 'Process tree of default/xwing' })
      .getByRole('treeitem', { name: /^\/usr\/bin\/whoami/ });
    await expect(whoamiAgain).toHaveAttribute('aria-selected', 'true');
    await expect(again.getByTestId('detail-panel').getByTestId('command-line')).toContainText(
      '--version',
    );
  });

  test('parent link, Back button and Esc', async ({ page, server }) => {
    await page.goto(
      `${server.baseURL}/?ns=default&pod=xwing&exec=${encodeURIComponent(WHOAMI_EXEC_ID)}`,
    );
    const panel = page.getByTestId('detail-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('whoami');

    await panel.getByTestId('parent-link').click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('bash');
    expect(new URL(page.url()).searchParams.get('exec')).toBe(BASH_EXEC_ID);

    await page.goBack();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('whoami');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('detail-panel')).toHaveCount(0);
    await expect(page).toHaveURL(/\?ns=default&pod=xwing$/);
  });

  test('keyboard: filter, arrows, Enter', async ({ page, server }) => {
    await page.goto(`${server.baseURL}/`);
    await expect(page.getByRole('treeitem', { name: /^xwing,/ })).toBeVisible();
    // "/" is the process search; W goes to the workload filter.
    await page.keyboard.press('w');
    await expect(page.getByRole('searchbox', { name: 'Filter pods' })).toBeFocused();
    await page.keyboard.type('xw');
    await page.keyboard.press('ArrowDown');
    const xwing = page.getByRole('treeitem', { name: /^xwing,/ });
    await expect(xwing).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(xwing).toHaveAttribute('aria-selected', 'true');

    const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
    const bash = tree.getByRole('treeitem', { name: /^\/bin\/bash\b/ });
    await bash.focus();
    await page.keyboard.press('ArrowRight');
    const whoami = tree.getByRole('treeitem', { name: /^\/usr\/bin\/whoami/ });
    await expect(whoami).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('detail-panel')).toHaveCount(0);
  });

  test('a pod that is not in the stream says so', async ({ page, server }) => {
    await page.goto(`${server.baseURL}/?ns=default&pod=deathstar`);
    await expect(page.getByTestId('tree-gone')).toContainText("This pod isn't in the event stream");
    await page.getByRole('button', { name: 'Show all workloads' }).click();
    await expect(page.getByTestId('tree-welcome')).toBeVisible();
    await expect(page).toHaveURL(`${server.baseURL}/`);
  });
});
