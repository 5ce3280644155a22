/**
 * A compromised pod chooses its binary names, arguments, labels and more; Tetragon reports
 * them as they are. Every place the dashboard shows them must show text, never markup, and
 * the Content-Security-Policy must block what would slip through.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/server.ts';
import { execIdFor } from './fixtures/events.ts';

declare global {
  interface Window {
    __xss?: number;
    __violations?: { directive: string; blocked: string }[];
  }
}

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=2</script>';
const JS_URL = 'javascript:window.__xss=3';
const SVG = '<svg onload=window.__xss=4>';
const IFRAME = '"><iframe src="javascript:window.__xss=5">';
const STYLE = '<style>body{display:none}</style>';

// Group keys are NAMESPACE/NAME, so these carry no slash.
const NAMESPACE = `ns-${SVG}`;
const POD = `"><img src=x onerror=window.__xss=6>`;
/** Big enough for the canvas renderer (more than 1,500 nodes), which draws with fillText. */
const BIG_POD = `big-${IMG}`;
const NODE = 'kind-control-plane';
const TIME = new Date(Date.now() - 60_000).toISOString();

const BINARY = `/tmp/${SCRIPT}`;
const ARGS = `${JS_URL} ${IFRAME} ${IMG}`;
const IMAGE = `${JS_URL}//${IMG}`;

function processJson(
  pid: number,
  binary: string,
  args: string,
  parent?: number,
  pod: string = POD,
) {
  return {
    exec_id: execIdFor(NODE, pid * 1000, pid),
    pid,
    uid: 0,
    cwd: STYLE,
    binary,
    arguments: args,
    flags: 'execve clone',
    start_time: TIME,
    auid: 4294967295,
    ...(parent === undefined ? {} : { parent_exec_id: execIdFor(NODE, parent * 1000, parent) }),
    pod: {
      namespace: NAMESPACE,
      name: pod,
      container: {
        id: `containerd://${'ab'.repeat(32)}`,
        name: SVG,
        image: { id: `${IMG}@sha256:00`, name: IMAGE },
        start_time: TIME,
      },
      pod_labels: { app: IMG, [SVG]: JS_URL },
      workload: IFRAME,
      workload_kind: 'Deployment',
    },
    docker: 'abababababababababababa',
  };
}

/** A shell, 40 workers under it and 40 jobs under each, every one with its own binary. */
function bigHostileEvents(): string {
  const lines: string[] = [];
  const exec = (pid: number, binary: string, parent?: number) =>
    lines.push(
      JSON.stringify({
        process_exec: { process: processJson(pid, binary, ARGS, parent, BIG_POD) },
        node_name: NODE,
        time: TIME,
      }),
    );
  exec(20_000, BINARY);
  for (let w = 0; w < 40; w += 1) {
    const worker = 20_001 + w * 41;
    exec(worker, `${BINARY}/worker-${w}`, 20_000);
    for (let j = 0; j < 40; j += 1) exec(worker + 1 + j, `${BINARY}/job-${w}-${j}`, worker);
  }
  return lines.join('\n');
}

function hostileEvents(): string {
  const shell = processJson(7001, '/bin/sh', `-c ${SCRIPT}`);
  const payload = processJson(7002, BINARY, ARGS, 7001);
  return [
    { process_exec: { process: shell }, node_name: NODE, time: TIME },
    { process_exec: { process: payload, parent: shell }, node_name: NODE, time: TIME },
    {
      process_kprobe: {
        process: payload,
        parent: shell,
        function_name: `security_file_open ${IMG}`,
        policy_name: SCRIPT,
        args: [{ file_arg: { path: `/etc/${SCRIPT}` } }],
      },
      node_name: NODE,
      time: TIME,
    },
  ]
    .map((event) => JSON.stringify(event))
    .join('\n');
}

/** Neither markup nor script from the events ran, and the policy had nothing to block. */
async function expectNothingRan(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(dialogs).toEqual([]);
  await expect(page.locator('#root img, #root iframe, #root script, #root style')).toHaveCount(0);
}

test('hostile names, arguments, labels and images are shown as text, and CSP blocks scripts', async ({
  page,
  server,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations?.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });

  const posted = await page.request.post(`${server.baseURL}/api/v1/events`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: hostileEvents(),
  });
  expect(await posted.json()).toMatchObject({ accepted: 3, rejected: 0 });

  // The page itself carries the policy.
  const query = new URLSearchParams({ ns: NAMESPACE, pod: POD });
  const response = await page.goto(`${server.baseURL}/?${query.toString()}`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');

  // The navigator lists the pod under its namespace, by name, as text.
  const navigator = page.getByRole('tree', { name: 'Pods, containers and hosts' });
  await expect(navigator).toContainText(NAMESPACE);
  await expect(navigator).toContainText(POD);

  // The graph: both processes, the hostile one with its arguments.
  const tree = page.getByRole('tree', { name: `Process tree of ${NAMESPACE}/${POD}` });
  const node = tree.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(BINARY)}`) });
  await expect(node).toBeVisible();
  await expect(tree).toContainText(SCRIPT);
  await expectNothingRan(page, dialogs);

  // The detail panel: command line, Kubernetes facts, labels, the raw events.
  await node.click();
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByTestId('command-line')).toContainText(`${BINARY} ${ARGS}`);
  await expect(panel.getByTestId('field-pod').locator('dd')).toHaveText(`${NAMESPACE}/${POD}`);
  await expect(panel.getByTestId('field-image').locator('dd')).toHaveText(IMAGE);
  await expect(panel.getByTestId('field-workload').locator('dd')).toHaveText(
    `Deployment/${IFRAME}`,
  );
  await expect(panel.getByTestId('field-labels')).toContainText(`app=${IMG}`);
  await expect(panel.getByTestId('field-labels')).toContainText(`${SVG}=${JS_URL}`);
  await expect(panel.getByTestId('field-cwd').locator('dd')).toHaveText(STYLE);
  const rows = panel.getByTestId('event-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await row.locator('summary').click();
  await expect(panel.getByTestId('event-json').first()).toContainText(IMG);
  await expectNothingRan(page, dialogs);

  // The timeline next to the graph.
  await page.goto(`${server.baseURL}/?${query.toString()}&view=split`);
  const timeline = page.getByRole('treegrid', { name: 'Processes over time' });
  await expect(timeline).toContainText(SCRIPT);
  await timeline.getByRole('row').last().hover();
  await expectNothingRan(page, dialogs);

  // A pod big enough for the canvas: its cards are drawn with fillText, its tooltip is text.
  const big = await page.request.post(`${server.baseURL}/api/v1/events`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: bigHostileEvents(),
  });
  expect(await big.json()).toMatchObject({ accepted: 1641, rejected: 0 });
  await page.goto(`${server.baseURL}/?${new URLSearchParams({ ns: NAMESPACE, pod: BIG_POD })}`);
  await expect(page.getByTestId('canvas-mode')).toHaveText('1,641 nodes · canvas');
  await page.getByRole('tree', { name: `Process tree of ${NAMESPACE}/${BIG_POD}` }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('canvas-active-item')).toHaveAttribute(
    'aria-label',
    new RegExp(`^${escapeRegExp(`${BINARY} ${ARGS}`)}`),
  );
  const ring = await page.getByTestId('canvas-focus').boundingBox();
  if (!ring) throw new Error('no focus ring on the canvas');
  await page.mouse.move(ring.x + ring.width / 2, ring.y + ring.height / 2);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(BINARY);
  await expect(tooltip).toContainText(IFRAME);
  await expectNothingRan(page, dialogs);

  // Search across pods.
  const search = page.getByRole('combobox', { name: 'Search processes' });
  await search.fill('onerror');
  await expect(page.getByTestId('match-count')).toHaveText('1,641 matches');
  await page.getByRole('button', { name: /^All pods/ }).click();
  const results = page.getByRole('listbox', { name: 'Matches in all pods' });
  await expect(results).toContainText(`${NAMESPACE} / ${BIG_POD}`);
  await expect(results.getByRole('option').first()).toContainText(`script>${ARGS}`);
  await expectNothingRan(page, dialogs);

  // What the page did not do, the policy would have stopped: an injected inline script and
  // an inline event handler are blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = 98';
    document.body.append(script);
    const image = document.createElement('img');
    image.setAttribute('src', 'data:,');
    image.setAttribute('onerror', 'window.__xss = 99');
    image.setAttribute('onload', 'window.__xss = 99');
    document.body.append(image);
  });
  await expect
    .poll(() => page.evaluate(() => window.__violations?.map((v) => v.directive).sort()))
    .toEqual(expect.arrayContaining(['script-src-elem']));
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // The browser also reported it to the server.
  await expect
    .poll(async () => {
      const metrics = await (await page.request.get(`${server.baseURL}/metrics`)).text();
      return Number(/^exectree_csp_violations_total (\d+)$/m.exec(metrics)?.[1] ?? 0);
    })
    .toBeGreaterThan(0);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
