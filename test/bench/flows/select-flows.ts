// Runs in: benchmark (node → Chromium). Selecting at real cost, through the UI: open a photo and click as soon
// as it is on screen (open → that click's mask shown is "ready for clicks": the embedding, then one
// decode); clicks one at a time as a person makes them; the hover preview while the pointer keeps moving
// (previews shown per second, and the CPU each process spent meanwhile); text selection (Grounding DINO).
import type { FlowSession } from './flow-session';
import { docPoint, undoSteps } from './flow-session';
import { coresBusy } from './flow-stats';
import { cpuBetween, processTree } from './procs';

type Hook = {
  __anyfillTest: {
    getState(): { document: { layers: Array<{ id: string; assetId?: string }> } | null; renderedLayerIds: string[] };
    hoverCounts(): { sent: number; shown: number };
  };
};

/** Press and release at a document point; the page's clock at the press and when its mask was drawn (null: none within `timeoutMs`). */
export async function timedClick(s: FlowSession, fx: number, fy: number, timeoutMs: number): Promise<[number, number] | null> {
  const before = (await s.probe.clicks()).length;
  const p = await docPoint(s, fx, fy);
  await s.page.mouse.click(p.x, p.y);
  try {
    await s.page.waitForFunction((k) => (window as never as { __costProbe: { clicks: unknown[] } }).__costProbe.clicks.length > k, before, {
      polling: 'raf',
      timeout: timeoutMs,
    });
  } catch {
    await s.probe.dropPending();
    return null;
  }
  return (await s.probe.clicks())[before]!;
}

/** Undo the last click's selection (keeps the document small across many clicks). */
async function undoLast(s: FlowSession): Promise<void> {
  const n = await undoSteps(s);
  await s.page.keyboard.press('Control+z');
  await s.page.waitForFunction((k) => (window as never as { __anyfillTest: { historySize(): number } }).__anyfillTest.historySize() < k, n);
}

export interface ReadyFigures {
  /** File chosen → the photo drawn on the canvas. */
  shownMs: number;
  /** File chosen → the mask of a click made as soon as the photo was drawn. */
  readyForClicksMs: number | null;
}

export async function openAndClick(s: FlowSession, file: string, timeoutMs: number): Promise<ReadyFigures> {
  const prev = await s.page.evaluate(() => (window as never as Hook).__anyfillTest.getState().document?.layers[0]?.assetId ?? null);
  const t0 = await s.probe.now();
  await s.editor.openWithDialog(file);
  const shown = await s.page.waitForFunction(
    (old) => {
      const st = (window as never as Hook).__anyfillTest.getState();
      const photo = st.document?.layers.find((l) => l.assetId && l.assetId !== old);
      return photo && st.renderedLayerIds.includes(photo.id) ? performance.now() : false;
    },
    prev,
    { polling: 50, timeout: timeoutMs },
  );
  const shownAt = (await shown.jsonValue()) as number;
  await s.page.getByTestId('tool-select').click();
  const click = await timedClick(s, 0.5, 0.6, timeoutMs);
  if (click) await undoLast(s);
  return { shownMs: shownAt - t0, readyForClicksMs: click ? click[1] - t0 : null };
}

/** `n` clicks spread over the photo, each alone (a person's next click comes a moment later), each undone. */
export async function clickLatencies(s: FlowSession, n: number, timeoutMs: number): Promise<{ ms: number[]; timedOut: number }> {
  const ms: number[] = [];
  let timedOut = 0;
  for (let i = 0; i < n; i++) {
    const click = await timedClick(s, 0.2 + 0.15 * (i % 5), 0.25 + 0.15 * (i % 4), timeoutMs);
    if (click) {
      ms.push(click[1] - click[0]);
      await undoLast(s);
    } else timedOut++;
    await s.page.waitForTimeout(300);
  }
  return { ms, timedOut };
}

export interface HoverFigures {
  seconds: number;
  previewsShownPerSecond: number;
  requestsPerSecond: number;
  /** CPU each process used while the pointer moved, in cores (1 = one core fully busy). */
  cpuCores: Record<string, number>;
}

/** Hover preview on (Shift+S); the pointer sweeps the photo at 60 moves a second for `seconds`; off again. */
export async function hoverRate(s: FlowSession, seconds: number): Promise<HoverFigures> {
  const counts = () => s.page.evaluate(() => (window as never as Hook).__anyfillTest.hoverCounts());
  const r = await s.editor.documentRect();
  await s.page.keyboard.press('Shift+S');
  const [c0, p0, t0] = [await counts(), await processTree(s.roots), Date.now()];
  for (let i = 0; Date.now() - t0 < seconds * 1000; i++) {
    await s.page.mouse.move(r.x + r.w * (0.1 + ((i * 0.037) % 0.8)), r.y + r.h * (0.1 + ((i * 0.023) % 0.8)));
    await s.page.waitForTimeout(1000 / 60);
  }
  const [c1, p1, wall] = [await counts(), await processTree(s.roots), Date.now() - t0];
  await s.page.keyboard.press('Shift+S');
  const cpu = cpuBetween(p0, p1);
  return {
    seconds: wall / 1000,
    previewsShownPerSecond: Math.round(((c1.shown - c0.shown) / wall) * 10000) / 10,
    requestsPerSecond: Math.round(((c1.sent - c0.sent) / wall) * 10000) / 10,
    cpuCores: Object.fromEntries(Object.entries(cpu).map(([role, ms]) => [role, coresBusy(0, ms, wall)])),
  };
}
