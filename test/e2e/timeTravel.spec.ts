import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { openApp, shootBothThemes, shownAt, SHOTS, test } from './support/stackFixture';

/**
 * The run view as a time-travel instrument, in a real browser against `remo web`'s stack (real
 * core, SQLite file, simulator over loopback). Expected values come from the core and the CLI,
 * never from the page itself.
 */
test.describe.configure({ mode: 'serial' });

/** `remo show RUN --epoch K --json` on the e2e database, as a user would run it next to the app. */
function remoShow(dbPath: string, runId: string, epoch: number): { prompt: { version: number; text: string }; optimizerInstructions: { version: number; text: string }; notebookSize: number; position: number } {
  const out = execFileSync(process.execPath, ['electron/cli/remo.mjs', 'show', runId, '--epoch', String(epoch), '--json', '--db', dbPath], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

async function openRun(page: Page, runId: string, stack: Parameters<typeof openApp>[1]): Promise<void> {
  await openApp(page, stack);
  await page.locator(`[data-run-id="${runId}"]`).click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', runId);
  await expect(page.getByTestId('scrubber')).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`scrubbing to epoch 1 shows the P, Q and notebook that remo show gives (${theme} theme)`, async ({ page, stack, cspViolations }) => {
    await page.emulateMedia({ colorScheme: theme });
    const shown = remoShow(stack.core.dbPath, stack.remoRunId, 1);
    await openRun(page, stack.remoRunId, stack);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('stop-1').click();
    await shownAt(page, shown.position);
    await expect(page.getByTestId('prompt-text')).toHaveText(shown.prompt.text);
    await expect(page.getByTestId('prompt-version')).toHaveText(`v${shown.prompt.version}`);
    await expect(page.getByTestId('optimizer-text')).toHaveText(shown.optimizerInstructions.text || '(none)');
    await expect(page.getByTestId('optimizer-version')).toHaveText(`v${shown.optimizerInstructions.version}`);
    await expect(page.getByTestId('notebook-count')).toContainText(shown.notebookSize === 1 ? '1 entry' : `${shown.notebookSize} entries`);
    await expect(page.getByTestId('notebook-entry')).toHaveCount(shown.notebookSize);
    // Charts stop at the cursor: only the seed and epoch 1 have a validation point yet.
    await expect(page.getByTestId('charts')).toHaveAttribute('data-up-to', String(shown.position));
    await expect(page.getByTestId('val-chart')).toHaveAttribute('data-points', '2');
    await page.screenshot({ path: `${SHOTS}/run-view-epoch1-${theme}.png`, fullPage: true });
    expect(cspViolations).toEqual([]);
  });
}

test('a deep link restores the run and the point after a reload', async ({ page, stack }) => {
  const events = stack.core.runs.events(stack.remoRunId, { limit: 100_000 });
  const target = events[Math.floor(events.length / 3)]!.globalPosition;
  await openApp(page, stack, `#run=${stack.remoRunId}&at=${target}`);
  await shownAt(page, target);
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', stack.remoRunId);
  // Scrub one event on, reload: the URL kept the new point.
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('ArrowRight');
  const next = events[Math.floor(events.length / 3) + 1]!.globalPosition;
  await shownAt(page, next);
  await expect(page).toHaveURL(new RegExp(`#run=${stack.remoRunId}&at=${next}$`));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.remoReady !== undefined);
  await shownAt(page, next);
  const expected = stack.core.runs.stateAt(stack.remoRunId, { position: next });
  await expect(page.getByTestId('prompt-text')).toHaveText(expected.prompt.text);
});

test('a link followed right after a scrub step wins over the URL update the step still owes', async ({ page, stack }) => {
  const events = stack.core.runs.events(stack.remoRunId, { limit: 100_000 });
  const start = events[Math.floor(events.length / 2)]!.globalPosition;
  const target = events[Math.floor(events.length / 5)]!.globalPosition;
  await openApp(page, stack, `#run=${stack.remoRunId}&at=${start}`);
  await shownAt(page, start);
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('ArrowRight');
  await shownAt(page, events[Math.floor(events.length / 2) + 1]!.globalPosition);
  // Pin the point (the compare-against-pinned path), then follow a link at once: within the 150 ms
  // the app waits before writing the step's point into the URL.
  await page.getByTestId('pin').click();
  await page.evaluate((hash) => { window.location.hash = hash; }, `#run=${stack.remoRunId}&at=${target}`);
  await shownAt(page, target);
  await expect(page).toHaveURL(new RegExp(`#run=${stack.remoRunId}&at=${target}$`));
});

test('the inspector shows a critique\'s text and an LLM call\'s tokens', async ({ page, stack }) => {
  const events = stack.core.runs.events(stack.remoRunId, { limit: 100_000 });
  const critique = events.find((e) => e.type === 'CritiqueWritten')!;
  const data = critique.data as { feedback: string; calls: { promptTokens: number; completionTokens: number; role: string }[] };
  await openRun(page, stack.remoRunId, stack);
  await page.getByTestId('inspector-filter').selectOption('CritiqueWritten');
  await page.locator(`[data-testid="event-row"][data-position="${critique.globalPosition}"]`).click();
  await shownAt(page, critique.globalPosition);
  const content = page.getByTestId('event-content');
  await expect(content).toHaveAttribute('data-type', 'CritiqueWritten');
  await expect(page.getByTestId('event-critique')).toHaveText(data.feedback);
  const call = page.getByTestId('call-row').first();
  await expect(call).toContainText(data.calls[0]!.role);
  await expect(call.getByTestId('call-prompt-tokens')).toHaveText(String(data.calls[0]!.promptTokens));
  await expect(call.getByTestId('call-completion-tokens')).toHaveText(String(data.calls[0]!.completionTokens));
  await shootBothThemes(page, 'inspector-critique');

  // A solver answer shows its question (from the dataset), its answer and its score.
  const answer = events.find((e) => e.type === 'SolverAnswered' && (e.data as { purpose: string }).purpose === 'train')!;
  await page.getByTestId('inspector-filter').selectOption('');
  await page.getByTestId('scrubber').focus();
  await openApp(page, stack, `#run=${stack.remoRunId}&at=${answer.globalPosition}`);
  await shownAt(page, answer.globalPosition);
  await expect(page.getByTestId('event-response')).toHaveText((answer.data as { response: string }).response);
  await expect(page.getByTestId('event-question')).not.toBeEmpty();
  await expect(page.getByTestId('event-score')).toHaveText((answer.data as { correct: boolean }).correct ? 'correct' : 'wrong');
});

test('diffs of seed against end are shown for P and for Q, inline and side by side', async ({ page, stack }) => {
  const end = stack.core.runs.stateAt(stack.remoRunId, 'end');
  const seed = stack.core.runs.stateAt(stack.remoRunId, { epoch: 0 });
  await openRun(page, stack.remoRunId, stack);
  await page.getByTestId('stop-end').click();
  await shownAt(page, end.position);
  for (const kind of ['prompt', 'optimizer'] as const) {
    const panel = page.getByTestId(`${kind}-panel`);
    await page.getByTestId(`${kind}-tab-seed`).click();
    const diff = panel.getByTestId('prompt-diff');
    await expect(diff).toBeVisible();
    const [before, after] = kind === 'prompt' ? [seed.prompt.text, end.prompt.text] : [seed.optimizerInstructions.text, end.optimizerInstructions.text];
    if (before === after) await expect(diff.getByTestId('diff-identical')).toBeVisible();
    else await expect(diff.locator('ins, del').first()).toBeVisible();
    await panel.getByTestId(`${kind}-layout`).click();
    await expect(diff).toHaveAttribute('data-layout', 'split');
  }
  await shootBothThemes(page, 'diff-seed-vs-end');

  // Pin the seed point, go to the end, diff against the pin.
  await page.getByTestId('stop-0').click();
  await shownAt(page, seed.position);
  await page.getByTestId('pin').click();
  await expect(page.getByTestId('pinned')).toContainText(`position ${seed.position}`);
  await page.getByTestId('stop-end').click();
  await shownAt(page, end.position);
  await page.getByTestId('prompt-tab-pinned').click();
  await expect(page.getByTestId('prompt-panel').getByTestId('prompt-diff')).toContainText(`pinned (v${seed.prompt.version} @ ${seed.position})`);
});

test('the provenance of a prompt version leads to a failure that fed it', async ({ page, stack }) => {
  const versions = stack.core.timeline.versions(stack.remoRunId);
  const candidates = versions.filter((v) => v.kind === 'prompt' && v.epoch !== null);
  const made = candidates.find((v) => stack.core.timeline.provenance(stack.remoRunId, 'prompt', v.position).answers.some((a) => !a.correct));
  expect(made, 'the seeded run has a prompt version made from a failed answer').toBeDefined();
  const failure = stack.core.timeline.provenance(stack.remoRunId, 'prompt', made!.position).answers.find((a) => !a.correct)!;
  await openApp(page, stack, `#run=${stack.remoRunId}&at=${made!.position}`);
  await shownAt(page, made!.position);
  await page.getByTestId('prompt-why').click();
  const provenance = page.getByTestId('provenance');
  await expect(provenance).toBeVisible();
  await expect(provenance.getByTestId('provenance-critique').first()).toBeVisible();
  await shootBothThemes(page, 'provenance');
  await provenance.getByTestId('provenance-failure').first().click();
  await shownAt(page, failure.ref.position);
  await expect(page.getByTestId('event-content')).toHaveAttribute('data-type', 'SolverAnswered');
  await expect(page.getByTestId('event-score')).toHaveText('wrong');
});

test('the whole path works by keyboard alone', async ({ page, stack }) => {
  const index = stack.core.timeline.timeline(stack.remoRunId);
  await openApp(page, stack);
  // Tab to the run's name in the list and open it with Enter.
  await page.getByTestId('run-row').first().waitFor();
  // Other specs share this database and add runs above it (experiments add eight), so allow for a
  // long list, and say so if the row was never reached rather than pressing Enter elsewhere.
  let reached = false;
  for (let i = 0; i < 400 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
    reached = text.includes('e2e remo');
  }
  expect(reached, 'Tab never reached the run "e2e remo" in the list').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', stack.remoRunId);
  await shownAt(page, index.lastPosition);
  for (let i = 0; i < 40; i += 1) {
    const isScrubber = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'scrubber');
    if (isScrubber) break;
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('scrubber')).toBeFocused();
  await page.keyboard.press('Home');
  await shownAt(page, index.positions[0]!);
  await page.keyboard.press(']');
  const epoch0 = index.epochEnds.find((e) => e.epoch === 0)!.position;
  await shownAt(page, epoch0);
  await page.keyboard.press(']');
  await shownAt(page, index.epochEnds.find((e) => e.epoch === 1)!.position);
  await page.keyboard.press('[');
  await shownAt(page, epoch0);
  await page.keyboard.press('ArrowRight');
  const afterEpoch0 = index.positions[index.positions.indexOf(epoch0) + 1]!;
  await shownAt(page, afterEpoch0);
  await page.keyboard.press('PageDown');
  const phaseStart = index.positions.findIndex((p, i) => p > afterEpoch0 && index.phases[i] !== index.phases[index.positions.indexOf(afterEpoch0)]);
  await shownAt(page, index.positions[phaseStart]!);
  await page.keyboard.press('PageUp');
  await shownAt(page, afterEpoch0);
  await page.keyboard.press('End');
  await shownAt(page, index.lastPosition);
  await shootBothThemes(page, 'keyboard-end');
});

test('the views at 1024 px: epoch labels never collide', async ({ page, stack }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await openRun(page, stack.remoRunId, stack);
  const boxes = await page.locator('.timeline-ticks .stop').evaluateAll((elements) =>
    elements.filter((e) => (e.textContent ?? '').length > 0).map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
  expect(boxes.length).toBeGreaterThanOrEqual(2);
  const sorted = [...boxes].sort((a, b) => a.left - b.left);
  for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.left).toBeGreaterThanOrEqual(sorted[i - 1]!.right);
  await shootBothThemes(page, 'run-view-1024');
});
