// Runs in: benchmark (node → Chromium). Select by text (Ctrl+F) at Grounding DINO's real cost: Run pressed →
// the panel's busy line gone and its answer listed (boxes, "nothing found" or an error), read off the DOM.
import type { FlowSession } from './flow-session';

export interface TextFigures {
  prompt: string;
  /** Each run, press → answer shown; the first includes opening the model's session. */
  runsMs: number[];
  /** What the last run listed: detections, or the panel's message. */
  answer: string;
}

const ANSWER = '[data-testid="detection"], [data-testid="detect-none"], [data-testid="detect-error"]';

export async function textSelection(s: FlowSession, prompt: string, runs: number, timeoutMs: number): Promise<TextFigures> {
  const { page } = s;
  await page.keyboard.press('Escape'); // whatever selection is open: Ctrl+F starts from none
  await page.keyboard.press('Control+f');
  await page.getByTestId('detect-input').fill(prompt);
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = await s.probe.now();
    await page.getByTestId('detect-run').click();
    // Busy: the Run button is disabled until the answer is in; done when it is enabled again with an answer.
    await page
      .getByTestId('detect-run')
      .and(page.locator(':disabled'))
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    const done = await page.waitForFunction(
      (sel) => {
        const run = document.querySelector('[data-testid="detect-run"]') as HTMLButtonElement | null;
        return run && !run.disabled && document.querySelector(sel) ? performance.now() : false;
      },
      ANSWER,
      { polling: 'raf', timeout: timeoutMs },
    );
    runsMs.push(((await done.jsonValue()) as number) - t0);
  }
  const found = await page.getByTestId('detection').count();
  const answer = found > 0 ? `${found} detection(s)` : ((await page.locator(ANSWER).first().innerText()) || 'no answer').slice(0, 120);
  await page.getByTestId('detect-input').press('Escape');
  return { prompt, runsMs, answer };
}
