import { expect, type Page } from '@playwright/test';
import type { ExperimentPlan, ExperimentSummary, ExperimentView } from '../../shared/api/experimentViews';
import { METHODS } from '../../shared/api/runViews';
import type { Spread } from '../../shared/stats/meanInterval';
import { openApp, shootBothThemes, SHOTS, test } from './support/stackFixture';
import type { E2eHost } from './support/e2eHost';

/**
 * The Experiments page against the real stack (`remo web` with the simulator as its default
 * endpoint): an experiment is made in the UI, its cells fill in, and every number of the table and
 * the paired tests is compared with `experiments.show` asked over the API, never with the page.
 */
test.describe.configure({ mode: 'serial' });

async function api<T>(stack: E2eHost, method: string, args: unknown): Promise<T> {
  const response = await fetch(`${stack.host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Remo-Token': stack.host.token },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}

/** Screenshots in both themes at 1440 and 1024 px wide: `<name>-<width>-<theme>.png`. */
async function shootWidths(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await shootBothThemes(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const points = (value: number) => (value * 100).toFixed(1).replace(/^-/, '−');
const percent = (spread: Spread) => (spread.mean === null ? '–' : `${points(spread.mean)}%`);
const interval = (spread: Spread) => (spread.ci ? `[${points(spread.ci[0])}, ${points(spread.ci[1])}]` : '');

const BASE = { split: { train: 6, val: 8, test: 10 }, epochs: 1, stepsPerEpoch: 2 };
let experimentId = '';

test('a 4 methods x 2 seeds experiment made in the UI: plan, live cells, the table and tests as the core computes them, a cell opens its run', async ({ page, stack }) => {
  test.setTimeout(240_000);
  await openApp(page, stack);
  await page.getByTestId('page-experiments').click();
  await expect(page.getByTestId('page-experiments')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('experiments-list').getByTestId('empty-state')).toContainText('No experiments yet');

  await page.getByTestId('new-experiment-toggle').click();
  const form = page.getByTestId('new-experiment-form');
  for (const method of METHODS) await expect(form.getByTestId(`experiment-method-${method}`)).toBeChecked();
  await expect(form.getByTestId('experiment-seeds')).toHaveValue('0, 1, 2');
  await expect(form.getByTestId('form-method')).toHaveCount(0); // the grid sets each run's method
  const before = stack.core.store.lastGlobalPosition();

  await form.getByTestId('experiment-name').fill('e2e grid');
  await form.getByTestId('form-preset').selectOption('custom');
  await form.getByTestId('form-split-train').fill('6');
  await form.getByTestId('form-split-val').fill('8');
  await form.getByTestId('form-split-test').fill('10');
  await form.getByTestId('form-epochs').fill('1');
  await form.getByTestId('form-steps').fill('2');
  const seedsIssue = form.locator('label').filter({ has: page.getByTestId('experiment-seeds') }).getByTestId('field-issue');
  // What the page can read itself it says at once; what only the core knows comes from the plan.
  await form.getByTestId('experiment-seeds').fill('0, x');
  await expect(seedsIssue).toHaveText('"x" is not a whole number ≥ 0');
  await form.getByTestId('experiment-seeds').fill('0, 0');
  await expect(seedsIssue).toHaveText('seeds must not repeat');
  await expect(form.getByTestId('experiment-plan').getByTestId('error-message')).toHaveAttribute('data-code', 'bad-request');
  await expect(form.getByTestId('experiment-start')).toBeDisabled();
  await form.getByTestId('form-epochs').fill('0');
  await expect(form.locator('label').filter({ has: page.getByTestId('form-epochs') }).getByTestId('field-issue')).toContainText(/epochs|at least/i);
  await form.getByTestId('form-epochs').fill('1');
  await form.getByTestId('experiment-seeds').fill('0, 1');
  const plan = form.getByTestId('experiment-plan');

  // One more key: a grid axis cannot be it (the core says so next to the key); retrievalK can.
  await form.getByTestId('experiment-vary').check();
  await form.getByTestId('experiment-vary-key').fill('seed');
  await expect(form.locator('label').filter({ has: page.getByTestId('experiment-vary-key') }).getByTestId('field-issue')).toContainText('cannot be varied');
  await form.getByTestId('experiment-vary-key').fill('retrievalK');
  await form.getByTestId('experiment-vary-values').fill('1, 3');
  await expect(plan).toHaveAttribute('data-state', 'ready');
  await expect(plan.getByTestId('plan-runs')).toHaveText('16');
  await form.getByTestId('experiment-vary').uncheck();

  // The plan shown is the core's plan of this very experiment file.
  const expected = await api<ExperimentPlan>(stack, 'experiments.plan', { config: { name: 'e2e grid', base: BASE, grid: { methods: [...METHODS], seeds: [0, 1] } } });
  await expect(plan).toHaveAttribute('data-state', 'ready');
  await expect(plan.getByTestId('plan-runs')).toHaveText(String(expected.runs));
  expect(expected.runs).toBe(8);
  await expect(plan.getByTestId('plan-calls')).toHaveText(`≈ ${expected.calls.toLocaleString('en-US')}`);
  await expect(plan.getByTestId('plan-time')).toContainText(expected.seconds ? '–' : 'no similar run to estimate time from');
  for (const line of expected.basis) await expect(plan.getByTestId('plan-basis')).toContainText(line);
  await expect(plan.getByTestId('plan-simulated')).toContainText('SIMULATOR');
  await expect(form.getByTestId('experiment-start')).toHaveText('Start 8 runs');
  expect(stack.core.store.lastGlobalPosition()).toBe(before); // planning wrote nothing
  await shootWidths(page, 'experiment-new');

  await form.getByTestId('experiment-start').click();
  const view = page.getByTestId('experiment-view');
  await expect(view).toBeVisible();
  experimentId = (await view.getAttribute('data-experiment-id'))!;
  expect(experimentId).not.toBe('');
  await expect(view.getByTestId('experiment-title')).toHaveText('e2e grid');
  await expect(view.getByTestId('experiment-cell')).toHaveCount(8);
  await expect(view.getByTestId('experiment-simulated')).toBeVisible();
  // While cells run they show their progress (done/total); a fast machine may finish before this looks.
  const runningCell = view.locator('[data-testid="experiment-cell"][data-status="running"]').first();
  if (await runningCell.getByTestId('cell-progress').waitFor({ timeout: 5000 }).then(() => true, () => false)) {
    await expect(runningCell.getByTestId('cell-progress')).toHaveText(/^\d+\/\d+$/);
    await page.screenshot({ path: `${SHOTS}/experiment-view-running-1440-light.png`, fullPage: true });
  }
  // The cells fill in as their runs go (pushes and polling), until every one completed.
  await expect(view).toHaveAttribute('data-status', 'completed', { timeout: 180_000 });
  await expect(view.getByTestId('experiment-completed')).toHaveText('8 of 8');
  await expect(view.getByTestId('experiment-curves')).toHaveAttribute('data-runs', '8');

  const shown = await api<ExperimentView>(stack, 'experiments.show', { experimentId });
  expect(shown.status).toBe('completed');
  for (const cell of shown.cellViews) {
    const button = view.locator(`[data-testid="experiment-cell"][data-run-id="${cell.runId}"]`);
    await expect(button).toHaveAttribute('data-seed', String(cell.seed));
    await expect(button).toHaveAttribute('data-label', cell.method);
    await expect(button.getByTestId('cell-test')).toHaveText(`test ${(cell.test! * 100).toFixed(1)}%`);
  }

  // The aggregated table: 4 rows, each number the core's, with the n it comes from.
  const rows = view.getByTestId('aggregate-row');
  await expect(rows).toHaveCount(4);
  expect(shown.rows.map((row) => row.label)).toEqual([...METHODS]);
  for (const row of shown.rows) {
    const line = view.locator(`[data-testid="aggregate-row"][data-label="${row.label}"]`);
    await expect(line.getByTestId('row-n')).toHaveText(`${row.completed} of 2`);
    const spreads = { 'row-seed-test': row.seedTest, 'row-val': row.val, 'row-test': row.test, 'row-gap': row.gap, 'row-calls': row.calls, 'row-tokens': row.tokens, 'row-time': row.wallSeconds };
    for (const [testId, spread] of Object.entries(spreads)) {
      const cell = line.getByTestId(testId);
      await expect(cell).toHaveAttribute('data-n', String(spread.n));
      await expect(cell).toHaveAttribute('data-mean', spread.mean === null ? '' : String(spread.mean));
      await expect(cell).toHaveAttribute('data-sd', spread.sd === null ? '' : String(spread.sd));
    }
    for (const [testId, spread] of Object.entries({ 'row-seed-test': row.seedTest, 'row-val': row.val, 'row-test': row.test })) {
      await expect(line.getByTestId(testId)).toContainText(percent(spread));
      await expect(line.getByTestId(testId)).toContainText(interval(spread));
    }
    await expect(line.getByTestId('row-gap')).toContainText(`${row.gap.mean! > 0 ? '+' : ''}${points(row.gap.mean!)} pp`);
  }

  // Paired tests: every pair of rows, pooled over both seeds, as the core counted them.
  const pairs = view.getByTestId('pair-row');
  await expect(pairs).toHaveCount(6);
  for (const pair of shown.comparisons) {
    const line = view.locator(`[data-testid="pair-row"][data-a="${pair.a}"][data-b="${pair.b}"]`);
    await expect(line.getByTestId('pair-seeds')).toHaveText(String(pair.seeds));
    await expect(line.getByTestId('pair-shared')).toHaveText(String(pair.sharedItems));
    await expect(line.getByTestId('pair-w2r')).toHaveText(String(pair.wrongToRight));
    await expect(line.getByTestId('pair-r2w')).toHaveText(String(pair.rightToWrong));
    const p = (await line.getByTestId('pair-p').textContent())!;
    if (pair.mcnemarP === null) expect(p).toBe('–');
    else expect(Number(p)).toBeCloseTo(pair.mcnemarP, 4);
  }
  await shootWidths(page, 'experiment-view');

  // A cell opens its run in the run view, from the keyboard too.
  const remoSeed1 = shown.cellViews.find((cell) => cell.method === 'remo' && cell.seed === 1)!;
  await view.locator(`[data-testid="experiment-cell"][data-run-id="${remoSeed1.runId}"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-runs')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', remoSeed1.runId!);
  await expect(page.getByTestId('run-title')).toHaveText('e2e grid · remo · seed 1');

  // Back on Experiments the experiment is still open; the list shows it completed.
  await page.getByTestId('page-experiments').click();
  await expect(page.getByTestId('experiment-view')).toHaveAttribute('data-experiment-id', experimentId);
  await page.getByTestId('experiment-back').click();
  const listed = await api<ExperimentSummary[]>(stack, 'experiments.list', {});
  expect(listed.map((e) => e.experimentId)).toEqual([experimentId]);
  const row = page.locator(`[data-testid="experiment-row-summary"][data-experiment-id="${experimentId}"]`);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('experiment-cells')).toContainText('8 / 8');
  await expect(row.getByTestId('simulator-badge')).toBeVisible();
  await expect(row.getByTestId('experiment-resume')).toHaveCount(0);
  await shootWidths(page, 'experiments-list');
});

test('an experiment with a paused cell is incomplete; Resume in the list finishes it', async ({ page, stack }) => {
  test.setTimeout(180_000);
  const started = await api<{ experimentId: string; runIds: string[] }>(stack, 'experiments.start', {
    config: { name: 'e2e paused', base: { ...BASE, epochs: 2 }, grid: { methods: ['textgrad', 'remo'], seeds: [0] } },
  });
  const [paused, other] = started.runIds as [string, string];
  await api(stack, 'runs.pause', { runId: paused });
  expect((await stack.core.runs.waitForRun(paused)).status).toBe('paused');
  await stack.core.runs.waitForRun(other);
  await openApp(page, stack);
  await page.getByTestId('page-experiments').click();
  const row = page.locator(`[data-testid="experiment-row-summary"][data-experiment-id="${started.experimentId}"]`);
  await expect(row).toHaveAttribute('data-status', 'incomplete');
  await expect(row.getByTestId('status-badge')).toHaveText('incomplete');
  await expect(row.getByTestId('experiment-cells')).toContainText('1 / 2');
  await shootBothThemes(page, 'experiments-list-incomplete');
  await row.getByTestId('experiment-resume').click();
  // The resumed cell runs to its end; pushes bring the list along.
  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(row.getByTestId('experiment-cells')).toContainText('2 / 2');
  expect(stack.core.runs.summary(paused).status).toBe('completed');
  // Opened, the experiment has no Resume any more, and its cells are both done.
  await row.getByTestId('experiment-open').click();
  const view = page.getByTestId('experiment-view');
  await expect(view).toHaveAttribute('data-status', 'completed');
  await expect(view.getByTestId('experiment-resume')).toHaveCount(0);
  await expect(view.locator('[data-testid="experiment-cell"][data-status="completed"]')).toHaveCount(2);
});
