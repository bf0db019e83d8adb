// Runs in: vitest (node). fill.run, job.cancel and selection.mask through the engine's real dispatcher:
// a wand selection replayed at full resolution, filled as a job with progress events, returned as a new
// RGBA asset placed over the mask; bad selections refused with clear messages; cancel leaves nothing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import { newJobId, newLayerId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';

const W = 640;
const H = 420;
const HOLE = { x0: 200, y0: 150, x1: 330, y1: 260 };
const inHole = (x: number, y: number) => x >= HOLE.x0 && x < HOLE.x1 && y >= HOLE.y0 && y < HOLE.y1;

/** A noisy green-grey texture with a flat magenta rectangle on it. */
function scene(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  for (let i = 0; i < W * H; i++) {
    const x = i % W,
      y = Math.floor(i / W);
    const v = 90 + Math.round(40 * rnd());
    out.set(inHole(x, y) ? [230, 20, 200] : [v - 20, v + 20, v - 10], i * 3);
  }
  return out;
}

let s: TestSession;
let dispatch: Dispatch;
let id = 1;
let assetId = '';
const call = (channel: string, payload: unknown) => dispatch({ t: 'req', id: id++, channel, payload });

function wandSelection(x: number, y: number): SelectionLayer {
  return {
    id: newLayerId(),
    kind: 'selection',
    name: 'Selection 1',
    visible: true,
    colour: '#ff4d6d',
    assetId: assetId as SelectionLayer['assetId'],
    prompt: { points: [] },
    sam: null,
    strokes: [],
    ops: [],
    wand: [{ x, y, mode: 'add', tolerance: 24, edgeAware: true, contiguous: true }],
  };
}

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
  const png = await sharp(scene(), { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  const opened = await call('image.open', { fileId: await s.stage(png), name: 'scene.png', maxProxySide: 1024 });
  assetId = (opened as { result: { asset: { id: string } } }).result.asset.id;
});
afterAll(() => s.cleanup());

describe('fill.run', () => {
  it('fills a wand selection as a job: progress events, a new RGBA asset over the hole, no magenta left', async () => {
    const selection = wandSelection(260, 200);
    const mask = await call('selection.mask', { selection });
    const m = channels['selection.mask'].response.parse((mask as { result: unknown }).result);
    expect(m.area).toBe((HOLE.x1 - HOLE.x0) * (HOLE.y1 - HOLE.y0));
    expect(m.bbox).toEqual({ x: HOLE.x0, y: HOLE.y0, width: HOLE.x1 - HOLE.x0, height: HOLE.y1 - HOLE.y0 });

    const jobId = newJobId();
    const reply = await call('fill.run', { jobId, assetId, selection, method: 'auto', seed: 3, maxProxySide: 1024 });
    expect(reply?.ok).toBe(true);
    const r = channels['fill.run'].response.parse((reply as { result: unknown }).result);
    expect(r.method).toBe('patchmatch'); // a 130 × 110 block is no scratch
    expect(r.x).toBeLessThanOrEqual(HOLE.x0);
    expect(r.y).toBeLessThanOrEqual(HOLE.y0);
    const progress = s.events
      .filter((e) => e.event === 'job.progress')
      .map((e) => e.payload as JobProgress)
      .filter((p) => p.jobId === jobId);
    expect(progress.some((p) => p.state === 'running' && p.done > 0 && p.done < p.total)).toBe(true);
    expect(progress.at(-1)?.state).toBe('done');

    const patch = await sharp(await readFile(path.join(s.dir, 'assets', r.asset.id, 'source')))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(patch.info.channels).toBe(4);
    let magenta = 0,
      opaqueInHole = 0;
    for (let y = HOLE.y0; y < HOLE.y1; y++) {
      for (let x = HOLE.x0; x < HOLE.x1; x++) {
        const i = ((y - r.y) * patch.info.width + (x - r.x)) * 4;
        if (patch.data[i + 3] === 255) opaqueInHole++;
        if (patch.data[i]! > 180 && patch.data[i + 1]! < 80) magenta++;
      }
    }
    expect(opaqueInHole).toBe((HOLE.x1 - HOLE.x0) * (HOLE.y1 - HOLE.y0));
    expect(magenta).toBe(0);
  });

  it('picks Telea for a thin scratch when left on auto', async () => {
    const scratch: SelectionLayer = {
      ...wandSelection(0, 0),
      wand: [],
      strokes: [
        {
          mode: 'add',
          radius: 3,
          hardness: 1,
          points: [
            { x: 40, y: 40 },
            { x: 600, y: 380 },
          ],
        },
      ],
    };
    const reply = await call('fill.run', { jobId: newJobId(), assetId, selection: scratch, method: 'auto', seed: 1, maxProxySide: 1024 });
    expect((reply as { result: { method: string } }).result.method).toBe('telea');
  });

  it('refuses an empty selection, one covering the whole image, and one made on another image', async () => {
    const empty: SelectionLayer = { ...wandSelection(0, 0), wand: [] };
    expect(
      await call('fill.run', { jobId: newJobId(), assetId, selection: empty, method: 'auto', seed: 1, maxProxySide: 1024 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/selects nothing/) },
    });
    const all: SelectionLayer = { ...wandSelection(0, 0), wand: [], ops: [{ kind: 'invert' }] };
    expect(
      await call('fill.run', { jobId: newJobId(), assetId, selection: all, method: 'auto', seed: 1, maxProxySide: 1024 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/whole image/) },
    });
    const other = { ...wandSelection(260, 200), assetId: 'a_someoneelse1' };
    expect(
      await call('fill.run', { jobId: newJobId(), assetId, selection: other, method: 'auto', seed: 1, maxProxySide: 1024 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/another image/) },
    });
  });

  it('job.cancel stops a running fill: CANCELLED, and no new asset is left in the session', async () => {
    const before = await readdir(path.join(s.dir, 'assets'));
    const jobId = newJobId();
    const pending = call('fill.run', {
      jobId,
      assetId,
      selection: wandSelection(260, 200),
      method: 'patchmatch',
      seed: 9,
      maxProxySide: 1024,
    });
    await s.waitFor('job.progress', (p) => p.jobId === jobId && p.state === 'running');
    expect(await call('job.cancel', { jobId })).toMatchObject({ ok: true, result: { found: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await readdir(path.join(s.dir, 'assets'))).toEqual(before);
    expect(await call('job.cancel', { jobId })).toMatchObject({ ok: true, result: { found: false } });
  });
});
