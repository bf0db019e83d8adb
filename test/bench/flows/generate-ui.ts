// Runs in: benchmark (node → Chromium). The Generative fill panel driven as a user drives it: a brushed
// selection to fill, the settings typed into Advanced, Generate pressed (and, when the app asks first —
// an estimate or a faster offer — the answer "go ahead" given, with what it said kept), Cancel pressed.
import type { FlowSession } from './flow-session';
import { docPoint, undoSteps } from './flow-session';

export interface GenerateSettings {
  variants: number;
  steps: number;
  guidance: number;
  /** The scheduler select's value (dpmpp-2m-karras, lcm, …); the panel's default when absent. */
  scheduler?: string;
  /** An installed SD pack ('' for the panel's Default); left as it is when absent. */
  packId?: string;
}

/** Finish the open selection, then one zigzag brush stroke (about 10 % of the photo's width) to fill. */
export async function brushTarget(s: FlowSession): Promise<void> {
  const { page } = s;
  await page.keyboard.press('Enter');
  await page.getByTestId('tool-brush').click();
  const n = await undoSteps(s);
  const start = await docPoint(s, 0.45, 0.45);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    const p = await docPoint(s, 0.45 + 0.1 * (i % 2 ? 1 : 0), 0.45 + (0.15 * i) / 40);
    await page.mouse.move(p.x, p.y, { steps: 4 });
  }
  await page.mouse.up();
  await page.waitForFunction((k) => (window as never as { __anyfillTest: { historySize(): number } }).__anyfillTest.historySize() > k, n);
  await page.getByTestId('generate-prompt').waitFor();
}

export async function applySettings(s: FlowSession, g: GenerateSettings, prompt: string): Promise<void> {
  const { page } = s;
  if (!(await page.getByTestId('generate-steps').isVisible())) await page.getByTestId('generate-advanced').click();
  await page.getByTestId('generate-variants').fill(String(g.variants));
  await page.getByTestId('generate-steps').fill(String(g.steps));
  await page.getByLabel('Guidance').fill(String(g.guidance));
  if (g.scheduler) await page.getByLabel('Scheduler').selectOption(g.scheduler);
  if (g.packId !== undefined && (await page.getByTestId('generate-pack').count()))
    await page.getByTestId('generate-pack').selectOption(g.packId);
  await page.getByTestId('generate-prompt').fill(prompt);
}

/** The installed SD packs the panel offers (empty when only one is installed). */
export async function offeredPacks(s: FlowSession): Promise<string[]> {
  const select = s.page.getByTestId('generate-pack');
  if (!(await select.count())) return [];
  return (await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
}

/** What the panel says before Generate: its plan line, and an estimate if the app shows one. */
export async function panelNotes(s: FlowSession): Promise<{ plan: string | null; estimate: string | null }> {
  const text = async (sel: string) => {
    const el = s.page.locator(sel).first();
    return (await el.count()) ? (await el.innerText()).trim().slice(0, 300) : null;
  };
  await s.page
    .getByTestId('generate-plan')
    .filter({ hasText: /\d+ × \d+/ })
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  return {
    plan: await text('[data-testid="generate-plan"]'),
    estimate: await text('[data-testid="generate-panel"] [data-testid*="estimate"]'),
  };
}

/**
 * Press Generate; the page's clock when the job started (or the app's question was answered), and what the
 * question said. A dialog before the job (an estimate with faster offers) is answered with the button that
 * goes ahead with these settings.
 */
export async function pressGenerate(s: FlowSession): Promise<{ startedAt: number; asked: string | null }> {
  const { page } = s;
  let startedAt = await s.probe.now();
  await page.getByTestId('generate-run').click();
  const dialog = page.locator('[role="dialog"], [role="alertdialog"]').filter({ hasText: /generat|min|estimat|fast/i });
  const first = await Promise.race([
    page
      .getByTestId('jobs-bar')
      .waitFor({ timeout: 30_000 })
      .then(() => 'job' as const),
    dialog
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => 'dialog' as const),
  ]).catch(() => 'none' as const);
  if (first !== 'dialog') return { startedAt, asked: null };
  const asked = (await dialog.first().innerText()).replace(/\s+/g, ' ').slice(0, 400);
  const goAhead = dialog
    .first()
    .getByRole('button', { name: /generate|start|continue|anyway|run/i })
    .filter({ hasNotText: /faster|fewer|lcm|cancel/i });
  startedAt = await s.probe.now();
  await goAhead.first().click();
  await page.getByTestId('jobs-bar').waitFor({ timeout: 30_000 });
  return { startedAt, asked };
}

/** Press the running job's Cancel; the page's clock at the press. */
export async function pressCancel(s: FlowSession): Promise<number> {
  const at = await s.probe.now();
  await s.page.getByTestId('job').getByRole('button', { name: 'Cancel' }).click();
  return at;
}

/** Waits until the jobs bar has gone (after the page-clock time `after`); its time. */
export async function jobEnded(s: FlowSession, after: number, timeoutMs: number): Promise<number> {
  const h = await s.page.waitForFunction(
    (t) => {
      const m = (window as never as { __costProbe: { marks: Array<[number, string, boolean]> } }).__costProbe.marks.find(
        (x) => x[0] >= t && x[1] === 'jobs-bar' && !x[2],
      );
      return m ? m[0] : false;
    },
    after,
    { polling: 250, timeout: timeoutMs },
  );
  return (await h.jsonValue()) as number;
}

export async function discardResults(s: FlowSession): Promise<void> {
  if (await s.page.getByTestId('generate-discard').count()) await s.page.getByTestId('generate-discard').click();
}
