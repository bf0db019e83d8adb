// Runs in: tests (Node). Generative fill grows its mask (issue 16 #9): a selection that sits 3 px inside
// a red object's edge, as SAM and box masks do, repainted green through the engine's real inpaint.run
// with the SD stand-in. With the editor's default grow (4 px) no pixel of the red rim is left; with none
// (as before) the rim shows, which is what the grow is for.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { writeStandins } from '../../../src-main/standins/index';
import { DEFAULT_GENERATE } from '../../../src-renderer/generate/generate-settings';
import { makeSession, type TestSession } from '../../helpers/images';

const [W, H, CX, CY, R] = [96, 80, 48, 40, 14];
const BLUE = [30, 40, 190];
const RED = [220, 30, 30];
let s: TestSession;
let dispatch: Dispatch;
let assetId = '';
let id = 1;
const call = (channel: string, payload: unknown) =>
  dispatch({ t: 'req', id: id++, channel, payload }) as Promise<{ ok: boolean; result?: unknown; error?: unknown }>;
const inObject = (x: number, y: number) => (x + 0.5 - CX) ** 2 + (y + 0.5 - CY) ** 2 <= R * R;
// The selection: a disc 3 px smaller than the object, like a SAM mask that stops short of the edge.
const selection = () => ({
  id: 'l_sel1',
  kind: 'selection',
  name: 'Ball',
  visible: true,
  colour: '#ff0000',
  assetId,
  prompt: { points: [] },
  sam: null,
  ops: [],
  strokes: [{ mode: 'add', radius: R - 3, hardness: 1, points: [{ x: CX, y: CY }] }],
});

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'sd15-inpaint');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
  const img = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) img.set(inObject(i % W, Math.floor(i / W)) ? RED : BLUE, i * 3);
  const png = await sharp(img, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  const opened = await call('image.open', { fileId: await s.stage(png), name: 'ball.png', maxProxySide: 256 });
  assetId = (opened.result as { asset: { id: string } }).asset.id;
  await call('image.decoded', { assetId });
});
afterAll(() => s.cleanup());

/** Pixels of the object still reddish after the result layer is composited over the photo. */
async function redLeft(maskGrow: number): Promise<number> {
  const req = {
    jobId: `j_grow0${maskGrow}`,
    assetId,
    selection: selection(),
    prompt: 'green',
    seed: 3,
    steps: 3,
    guidance: 7.5,
    strength: 1,
    scheduler: 'ddim',
    variants: 1,
    colourMatch: false,
    maskGrow,
    maxProxySide: 256,
  };
  const reply = await call('inpaint.run', req);
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  const v = channels['inpaint.run'].response.parse(reply.result).variants[0]!;
  const patch = await sharp(path.join(s.dir, 'assets', v.asset.id, 'source'))
    .raw()
    .toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (!inObject(x, y)) continue;
      const [px, py] = [x - v.x, y - v.y];
      const inside = px >= 0 && py >= 0 && px < patch.info.width && py < patch.info.height;
      const a = inside ? patch.data[(py * patch.info.width + px) * 4 + 3]! / 255 : 0;
      const r = (inside ? patch.data[(py * patch.info.width + px) * 4]! : 0) * a + RED[0]! * (1 - a);
      if (r > 100) red++;
    }
  return red;
}

describe('generative fill grows its mask', () => {
  it('leaves no rim of the old object with the default grow; without it the rim shows', async () => {
    expect(DEFAULT_GENERATE.maskGrow).toBe(4);
    expect(await redLeft(DEFAULT_GENERATE.maskGrow)).toBe(0);
    expect(await redLeft(0)).toBeGreaterThan(50);
  });
});
