// Runs in: vitest (node). segment.* through the engine's real dispatcher, as a renderer would call them:
// a click returns compact logits that decode to the clicked shape, small enough for an interactive path;
// the full-resolution mask arrives as a PNG in the session folder.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { decodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { lowResToMask } from '../../../src-main/engine/segment/low-res-mask';
import { LANDSCAPE } from '../../../src-main/standins/sam/scenes';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { maskIoU, openFile, sceneFile, truthOf } from '../../helpers/scenes';

let s: TestSession;
let dispatch: Dispatch;
let id = 1;
async function call<T>(channel: keyof typeof channels, payload: unknown): Promise<T> {
  const reply = await dispatch({ t: 'req', id: id++, channel, payload });
  if (!reply?.ok) throw new Error(`${channel}: ${JSON.stringify(reply)}`);
  return channels[channel].response.parse(reply.result) as T;
}

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'mobilesam');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
});
afterAll(() => s.cleanup());

it('prepares once, answers a click with compact logits of the clicked shape, and writes the full-res mask', async () => {
  const assetId = await openFile(s, await sceneFile(LANDSCAPE, 'png'));
  const first = await call<{ cached: string }>('segment.prepare', { assetId });
  expect(first.cached).toBe('computed');
  expect((await call<{ cached: string }>('segment.prepare', { assetId })).cached).toBe('memory');

  const reply = await dispatch({
    t: 'req',
    id: id++,
    channel: 'segment.run',
    payload: { assetId, points: [{ x: 500, y: 550, label: 1 }] },
  });
  expect(JSON.stringify(reply).length).toBeLessThan(100_000); // bytes per click across the boundary
  type Run = {
    resultId: string;
    chosen: number;
    placement: Parameters<typeof lowResToMask>[1];
    candidates: Array<{ index: number; logits: { encoding: 'i8-grad-deflate-raw'; size: 256; scale: 16 | 4 | 1; base64: string } }>;
  };
  const run = channels['segment.run'].response.parse((reply as { result: unknown }).result) as unknown as Run;
  const chosen = run.candidates[run.chosen]!;
  const { base64, ...enc } = chosen.logits;
  const logits = decodeLogits({ ...enc, data: new Uint8Array(Buffer.from(base64, 'base64')) });
  const mask = lowResToMask(logits, run.placement);
  expect(maskIoU(mask, truthOf(LANDSCAPE, [0]))).toBeGreaterThan(0.95);

  const full = await call<{ mask: { path: string; width: number; height: number } }>('segment.fullRes', {
    assetId,
    resultId: run.resultId,
    index: chosen.index,
  });
  expect(full.mask).toMatchObject({ width: 1500, height: 1000 });
  const png = await readFile(path.join(s.dir, ...full.mask.path.split('/')));
  expect((await sharp(png).metadata()).channels).toBe(1); // an 8-bit grey PNG
  const raw = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  expect(maskIoU(raw.data, truthOf(LANDSCAPE, [0]))).toBeGreaterThan(0.95);

  const outside = await dispatch({
    t: 'req',
    id: id++,
    channel: 'segment.run',
    payload: { assetId, points: [{ x: 5000, y: 5, label: 1 }] },
  });
  expect(outside).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'That click is outside the image.' } });
});

it('selects everything: one instance per distinct shape, no duplicates', async () => {
  const assetId = await openFile(s, await sceneFile(LANDSCAPE, 'png'));
  const reply = await dispatch({ t: 'req', id: id++, channel: 'segment.everything', payload: { assetId, grid: 8 } });
  expect(reply?.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
  const result = channels['segment.everything'].response.parse((reply as { result: unknown }).result);
  const masks = result.instances.map((inst) => {
    const { base64, ...enc } = inst.logits;
    return lowResToMask(decodeLogits({ ...enc, data: new Uint8Array(Buffer.from(base64, 'base64')) }), result.placement as never);
  });
  // The red rectangle and the green disc each appear exactly once, and nothing appears twice.
  for (const shape of [0, 1]) {
    const matches = masks.filter((m) => maskIoU(m, truthOf(LANDSCAPE, [shape])) > 0.9);
    expect(matches, `shape ${shape}`).toHaveLength(1);
  }
  for (let i = 0; i < masks.length; i++) for (let j = i + 1; j < masks.length; j++) expect(maskIoU(masks[i]!, masks[j]!)).toBeLessThan(0.7);
  expect(result.instances.every((i) => i.score >= 0.7 && i.stability >= 0.85)).toBe(true);
});

it("a 'chosen' click carries only the chosen candidate's logits; segment.candidates gives every candidate exactly as a full reply would", async () => {
  const assetId = await openFile(s, await sceneFile(LANDSCAPE, 'png'));
  type Logits = { base64: string; scale: number };
  type Run = { resultId: string; chosen: number; candidates: Array<{ index: number; score: number; logits?: Logits }> };
  const click = { assetId, points: [{ x: 500, y: 550, label: 1 }] };
  const full = await call<Run>('segment.run', click);
  const lean = await call<Run>('segment.run', { ...click, candidateLogits: 'chosen' });
  expect(lean.candidates.map((c) => c.score)).toEqual(full.candidates.map((c) => c.score)); // every score still comes
  expect(lean.candidates.filter((c) => c.logits).map((c) => c.index)).toEqual([lean.candidates[lean.chosen]!.index]);
  expect(lean.candidates[lean.chosen]!.logits).toEqual(full.candidates[full.chosen]!.logits);

  const rest = await call<{ candidates: Array<{ index: number; logits: Logits }> }>('segment.candidates', {
    assetId,
    resultId: lean.resultId,
  });
  expect(rest.candidates.map((c) => c.index)).toEqual(full.candidates.map((c) => c.index));
  expect(rest.candidates.map((c) => c.logits)).toEqual(full.candidates.map((c) => c.logits));

  // Another image's id, or a result the engine no longer holds: a clear refusal, nothing else.
  const other = await openFile(s, await sceneFile({ ...LANDSCAPE, width: 900, height: 600 }, 'png'));
  const wrong = await dispatch({ t: 'req', id: id++, channel: 'segment.candidates', payload: { assetId: other, resultId: lean.resultId } });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

it('segment.prefetch answers a press as its click; the held answer refines; a click with its prompt runs no decoder; inline-logit refinements are refused', async () => {
  const assetId = await openFile(s, await sceneFile(LANDSCAPE, 'png'));
  type Run = {
    resultId: string;
    chosen: number;
    candidates: Array<{ index: number; score: number; logits?: unknown }>;
    timings: { modelMs: number };
  };
  const click = { assetId, points: [{ x: 640, y: 575, label: 1 }], multimask: true, candidateLogits: 'chosen' as const };
  const pressed = await call<Run>('segment.prefetch', { ...click, key: 'press' });
  expect(pressed.timings.modelMs).toBeGreaterThan(0);
  // The click's own answer, for comparison: same scores, same chosen logits (it took the press's decode).
  const run = await call<Run>('segment.run', { ...click, key: 'sel' });
  expect(run.timings.modelMs).toBe(0);
  expect(pressed.candidates.map((c) => c.score)).toEqual(run.candidates.map((c) => c.score));
  expect(pressed.candidates.length).toBeGreaterThan(1);
  expect(pressed.candidates[pressed.chosen]!.logits).toEqual(run.candidates[run.chosen]!.logits);
  // Held like a click's: its other candidates come on demand, and a refinement can name it.
  const rest = await call<{ candidates: Array<{ index: number }> }>('segment.candidates', { assetId, resultId: pressed.resultId });
  expect(rest.candidates.map((c) => c.index)).toEqual(pressed.candidates.map((c) => c.index));
  const refined = await call<Run>('segment.run', {
    ...click,
    points: [...click.points, { x: 700, y: 600, label: 1 }],
    previousLowRes: { resultId: pressed.resultId, index: pressed.candidates[pressed.chosen]!.index },
  });
  expect(refined.candidates[refined.chosen]!.logits).toBeDefined();
  const logits = { encoding: 'i8-grad-deflate-raw', size: 256, scale: 16, base64: 'AA==' };
  const inline = await dispatch({ t: 'req', id: id++, channel: 'segment.prefetch', payload: { ...click, previousLowRes: { logits } } });
  expect(inline).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});
