// Runs in: vitest (node). A pipeline log re-run reproduces identical bytes: a content-aware fill and a
// generative fill (stand-in SD pack) are run through the engine's real dispatcher, their logs built as the
// renderer builds them, and the re-run request made from each log gives the same result sha256 — which is
// also the sha256 of the result asset's decoded pixels on disk.
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { newJobId, type AssetId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { ProvenanceSchema } from '../../../src-shared/document/provenance';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { writeStandins } from '../../../src-main/standins/index';
import { fillProvenance, inpaintProvenance } from '../../../src-renderer/pipeline/provenance-build';
import { rerunOutcome, rerunRequest } from '../../../src-renderer/pipeline/rerun-request';
import { makeSession, type TestSession } from '../../helpers/images';
import { scene } from '../diffusion/helpers';

const W = 96;
const H = 80;
const stamp = { appVersion: '0.0.0-test', createdAt: '2025-01-01T00:00:00.000Z' };
let s: TestSession;
let dispatch: Dispatch;
let assetId = '' as AssetId;
let id = 1;
const call = async (channel: string, payload: unknown) => {
  const reply = (await dispatch({ t: 'req', id: id++, channel, payload })) as { ok: boolean; result?: unknown; error?: unknown };
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  return reply.result;
};
const input = () => ({ assetId, width: W, height: H });
const selection = (): SelectionLayer => ({
  id: 'l_sel1' as SelectionLayer['id'],
  kind: 'selection',
  name: 'Hole',
  visible: true,
  colour: '#ff0000',
  assetId,
  prompt: { points: [{ x: 48, y: 40, label: 1 }] },
  sam: null,
  ops: [],
  strokes: [{ mode: 'add', radius: 12, hardness: 1, points: [{ x: 48, y: 40 }] }],
});
/** sha256 of an asset's decoded pixels, read back from its lossless source. */
const onDisk = async (asset: string) =>
  createHash('sha256')
    .update(
      await sharp(path.join(s.dir, 'assets', asset, 'source'))
        .raw()
        .toBuffer(),
    )
    .digest('hex');

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'sd15-inpaint');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
  const img = scene(W, H);
  const png = await sharp(img.data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  const opened = (await call('image.open', { fileId: await s.stage(png), name: 'scene.png', maxProxySide: 256 })) as {
    asset: { id: AssetId };
  };
  assetId = opened.asset.id;
  await call('image.decoded', { assetId });
});
afterAll(() => s.cleanup());

it('re-running a recorded content-aware fill gives the same bytes', async () => {
  const first = channels['fill.run'].response.parse(
    await call('fill.run', { jobId: newJobId(), assetId, selection: selection(), method: 'auto', seed: 7, maxProxySide: 256 }),
  );
  expect(first.inputSha256).toBe(createHash('sha256').update(scene(W, H).data).digest('hex'));
  expect(first.resultSha256).toBe(await onDisk(first.asset.id));
  const log = ProvenanceSchema.parse(JSON.parse(JSON.stringify(fillProvenance(input(), selection(), 'auto', first, stamp))));
  expect(log.request).toEqual({ seed: 7, method: first.method, requestedMethod: 'auto' });
  const again = rerunRequest(log, newJobId(), 256)!;
  expect(again.channel).toBe('fill.run');
  const out = rerunOutcome(again.channel, channels['fill.run'].response.parse(await call(again.channel, again.payload)))!;
  expect(out.asset.id).not.toBe(first.asset.id);
  expect([out.sha256, out.x, out.y]).toEqual([log.result.sha256, log.result.x, log.result.y]);
});

it('re-running one recorded generative-fill variant (stand-in SD pack) gives the same bytes', async () => {
  const sent = {
    prompt: 'red',
    negativePrompt: 'blue',
    seed: 5,
    steps: 3,
    guidance: 7.5,
    strength: 1,
    scheduler: 'ddim' as const,
    variants: 2,
    colourMatch: true,
    maskGrow: 4,
  };
  const first = channels['inpaint.run'].response.parse(
    await call('inpaint.run', { jobId: newJobId(), assetId, selection: selection(), ...sent, maxProxySide: 256 }),
  );
  expect(first.packFiles?.length).toBeGreaterThan(0);
  expect(first.packFiles!.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  expect(first.variants[1]!.resultSha256).not.toBe(first.variants[0]!.resultSha256);
  const log = ProvenanceSchema.parse(
    JSON.parse(JSON.stringify(inpaintProvenance('generative-fill', input(), selection(), sent, first, 1, stamp))),
  );
  expect(log.request.seed).toBe(6);
  expect(log.request.maskGrow).toBe(4); // the grow is part of the recipe: a re-run repeats it
  expect(log.models[0]).toMatchObject({ packId: 'sd15-inpaint', files: first.packFiles });
  const again = rerunRequest(log, newJobId(), 256)!;
  expect(again.channel).toBe('inpaint.run');
  const out = rerunOutcome(again.channel, channels['inpaint.run'].response.parse(await call(again.channel, again.payload)))!;
  expect(out.sha256).toBe(log.result.sha256);
  expect(out.sha256).toBe(await onDisk(out.asset.id));
});
