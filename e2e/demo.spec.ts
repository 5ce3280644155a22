import { expect, test } from './fixtures/server.ts';

test.use({ demo: true });

test('demo mode says plainly that the data is simulated and how to connect Tetragon', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/`);
  const banner = page.getByRole('region', { name: 'Demo mode' });
  await expect(banner).toContainText('This is simulated demo data.');
  await expect(banner).toContainText(
    'kubectl logs -n kube-system -l app.kubernetes.io/name=tetragon -c export-stdout -f | npx exectree serve --stdin',
  );
  await expect(banner).toContainText('--file /var/log/tetragon/tetragon.log');
  await expect(banner).toContainText('/api/v1/events');

  // The simulated cluster is browsable: open the first pod and see its tree.
  const first = page.getByTestId('group-item').first();
  await first.click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(
    page
      .getByRole('tree', { name: /^Process tree of / })
      .getByRole('treeitem')
      .first(),
  ).toBeVisible();

  await banner.getByRole('button', { name: 'Hide demo notice' }).click();
  await expect(banner).toHaveCount(0);
});
