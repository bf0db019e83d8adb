// Runs in: tests (Node). The Grounding DINO stand-ins: exact I/O contract of both export styles, and the
// analytic behaviour through a reference post-processing (sigmoid, max over tokens, threshold, scale).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gdinoStandinPacks } from '../../../src-main/standins/gdino/index';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

const [H, W] = [800, 1200];
const RED_SQUARE = [100, 150, 400, 450] as const; // x0, y0, x1, y1 (exclusive)
const DISC = { cx: 850, cy: 500, r: 150 };
let dir = '';
let vocab = new Map<string, number>();
let community: ort.InferenceSession;
let idea: ort.InferenceSession;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-gdino-'));
  for (const pack of gdinoStandinPacks()) await writeStandinPack(dir, pack);
  const lines = (await readFile(path.join(dir, 'gdino-tiny', 'vocab.txt'), 'utf8')).split('\n');
  vocab = new Map(lines.map((t, i) => [t, i]));
  community = await ort.InferenceSession.create(path.join(dir, 'standin-gdino-aspect', 'onnx', 'model.onnx'));
  idea = await ort.InferenceSession.create(path.join(dir, 'standin-gdino-idea', 'groundingdino.onnx'));
});
afterAll(async () => {
  await community?.release();
  await idea?.release();
  await rm(dir, { recursive: true, force: true });
});

/** Blue background, red square, green disc; RGB 0..1, optionally ImageNet-normalised and/or BGR. */
function image(opts: { normalise?: boolean; bgr?: boolean; width?: number; padTo?: number } = {}): Float32Array {
  const [w, full] = [opts.width ?? W, opts.padTo ?? opts.width ?? W];
  const [mean, std] = [
    [0.485, 0.456, 0.406],
    [0.229, 0.224, 0.225],
  ];
  const out = new Float32Array(3 * H * full); // padding stays 0 after normalisation, like the processor's
  for (let y = 0; y < H; y++)
    for (let x = 0; x < w; x++) {
      const inSquare = x >= RED_SQUARE[0] && x < RED_SQUARE[2] && y >= RED_SQUARE[1] && y < RED_SQUARE[3];
      const inDisc = (x + 0.5 - DISC.cx) ** 2 + (y + 0.5 - DISC.cy) ** 2 <= DISC.r ** 2;
      const rgb = inSquare ? [1, 0, 0] : inDisc ? [0, 1, 0] : [0, 0, 1];
      for (let c = 0; c < 3; c++) {
        const v = rgb[opts.bgr ? 2 - c : c]!;
        out[c * H * full + y * full + x] = opts.normalise === false ? v : (v - mean[c]!) / std[c]!;
      }
    }
  return out;
}

const tokens = (words: string[]) => ['[CLS]', ...words, '[SEP]'].map((w) => vocab.get(w)!);
const i64 = (v: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(v, BigInt), dims);

async function runCommunity(pixels: Float32Array, ids: number[], width = W, validWidth = width) {
  const mask = Array.from({ length: H * width }, (_, i) => (i % width < validWidth ? 1 : 0));
  const L = ids.length;
  return community.run({
    pixel_values: new ort.Tensor('float32', pixels, [1, 3, H, width]),
    pixel_mask: i64(mask, [1, H, width]),
    input_ids: i64(ids, [1, L]),
    token_type_ids: i64(new Array<number>(L).fill(0), [1, L]),
    attention_mask: i64(new Array<number>(L).fill(1), [1, L]),
  });
}

interface Detection {
  score: number;
  token: number;
  box: number[];
}

/** Reference post-processing: sigmoid, best token per query, keep > 0.25, boxes to pixels (x0,y0,x1,y1). */
function detect(out: ort.InferenceSession.ReturnType, boxName: string, imgW: number, imgH: number): Detection[] {
  const logits = out.logits!.data as Float32Array;
  const boxes = out[boxName]!.data as Float32Array;
  const found: Detection[] = [];
  for (let q = 0; q < 900; q++) {
    let [score, token] = [0, -1];
    for (let l = 0; l < 256; l++) {
      const p = 1 / (1 + Math.exp(-logits[q * 256 + l]!));
      if (p > score) [score, token] = [p, l];
    }
    const [cx, cy, bw, bh] = Array.from(boxes.subarray(q * 4, q * 4 + 4));
    if (score > 0.25)
      found.push({ score, token, box: [(cx! - bw! / 2) * imgW, (cy! - bh! / 2) * imgH, (cx! + bw! / 2) * imgW, (cy! + bh! / 2) * imgH] });
  }
  return found.sort((a, b) => b.score - a.score);
}

function iou(a: readonly number[], b: readonly number[]): number {
  const ix = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const iy = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const area = (r: readonly number[]) => (r[2]! - r[0]!) * (r[3]! - r[1]!);
  return (ix * iy) / (area(a) + area(b) - ix * iy);
}

const DISC_BOX = [DISC.cx - DISC.r, DISC.cy - DISC.r, DISC.cx + DISC.r, DISC.cy + DISC.r];

describe('Grounding DINO stand-in, onnx-community layout (gdino-tiny; any-size graph: standin-gdino-aspect)', () => {
  it("has the catalog pack's id, layout, roles and files", async () => {
    const catalog = JSON.parse(await readFile(path.join(__dirname, '../../../models/catalog.json'), 'utf8'));
    const real = catalog.packs.find((p: { id: string }) => p.id === 'gdino-tiny');
    const pack = gdinoStandinPacks()[0]!;
    expect([pack.packId, pack.layout, pack.roles]).toEqual([real.id, real.layout, real.roles]);
    expect(Object.keys(pack.files).sort()).toEqual(real.files.map((f: { path: string }) => f.path).sort());
  });

  it("declares the real export's inputs and outputs", () => {
    const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) => m.map((v) => (v.isTensor ? [v.name, v.type, v.shape] : [v.name]));
    expect(meta(community.inputMetadata)).toEqual([
      ['pixel_values', 'float32', ['batch', 3, 'height', 'width']],
      ['pixel_mask', 'int64', ['batch', 'height', 'width']],
      ['input_ids', 'int64', ['batch', 'sequence']],
      ['token_type_ids', 'int64', ['batch', 'sequence']],
      ['attention_mask', 'int64', ['batch', 'sequence']],
    ]);
    expect(meta(community.outputMetadata)).toEqual([
      ['logits', 'float32', ['batch', 900, 256]],
      ['pred_boxes', 'float32', ['batch', 900, 4]],
    ]);
  });

  // Its speed is measured by `npm run bench` (test/bench/models.ts), not asserted here: a timed test
  // fails on a busy machine without anything being wrong.
  it('boxes the red square for "red ." (logit at the token, −inf past L) at 800×1200', async () => {
    const pixels = image();
    const ids = tokens(['red', '.']);
    const out = await runCommunity(pixels, ids);
    expect(out.logits!.dims).toEqual([1, 900, 256]);
    const logits = out.logits!.data as Float32Array;
    expect(logits[4]).toBe(-Infinity);
    expect(logits[255]).toBe(-Infinity);
    const hits = detect(out, 'pred_boxes', W, H);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.token).toBe(1); // the "red" position, not "." or [SEP]
    expect(iou(hits[0]!.box, RED_SQUARE)).toBeGreaterThan(0.9);
  });

  it('boxes the green disc for "a green ball." (ball is [UNK] here) and nothing for a colour not in the image', async () => {
    const hits = detect(await runCommunity(image(), tokens(['a', 'green', '[UNK]', '.'])), 'pred_boxes', W, H);
    expect(hits.map((h) => h.token)).toEqual([2]);
    expect(iou(hits[0]!.box, DISC_BOX)).toBeGreaterThan(0.9);
    expect(detect(await runCommunity(image(), tokens(['yellow', '.'])), 'pred_boxes', W, H)).toEqual([]);
  });

  it('finds nothing without ImageNet normalisation, and the wrong region for BGR input', async () => {
    expect(detect(await runCommunity(image({ normalise: false }), tokens(['red', '.'])), 'pred_boxes', W, H)).toEqual([]);
    const bgr = detect(await runCommunity(image({ bgr: true }), tokens(['red', '.'])), 'pred_boxes', W, H);
    expect(bgr.length === 0 || iou(bgr[0]!.box, RED_SQUARE) < 0.5).toBe(true);
  });

  it('ignores pixel_mask 0 padding and normalises boxes to the unpadded image', async () => {
    const [real, padded] = [1000, 1200];
    const out = await runCommunity(image({ width: real, padTo: padded }), tokens(['blue', '.']), padded, real);
    const hits = detect(out, 'pred_boxes', real, H);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.box.map(Math.round)).toEqual([0, 0, real, H]); // background spans exactly the real image
  });
});

/** w×h, blue with a red rectangle over [w/8, h/8, w/2, h/2), ImageNet-normalised planar RGB. */
function redOnBlue(w: number, h: number): { pixels: Float32Array; red: number[] } {
  const red = [w / 8, h / 8, w / 2, h / 2];
  const [mean, std] = [
    [0.485, 0.456, 0.406],
    [0.229, 0.224, 0.225],
  ];
  const pixels = new Float32Array(3 * w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const rgb = x >= red[0]! && x < red[2]! && y >= red[1]! && y < red[3]! ? [1, 0, 0] : [0, 0, 1];
      for (let c = 0; c < 3; c++) pixels[c * w * h + y * w + x] = (rgb[c]! - mean[c]!) / std[c]!;
    }
  return { pixels, red };
}

describe('Grounding DINO stand-in as published by onnx-community (gdino-tiny: works at 800×800 only)', () => {
  let square: ort.InferenceSession;
  beforeAll(async () => (square = await ort.InferenceSession.create(path.join(dir, 'gdino-tiny', 'onnx', 'model.onnx'))));
  afterAll(() => square?.release());

  const run = (w: number, h: number, word: string) => {
    const ids = tokens([word, '.']);
    return square.run({
      pixel_values: new ort.Tensor('float32', redOnBlue(w, h).pixels, [1, 3, h, w]),
      pixel_mask: i64(new Array<number>(w * h).fill(1), [1, h, w]),
      input_ids: i64(ids, [1, ids.length]),
      token_type_ids: i64(new Array<number>(ids.length).fill(0), [1, ids.length]),
      attention_mask: i64(new Array<number>(ids.length).fill(1), [1, ids.length]),
    });
  };

  it('declares height and width dynamic, like the any-size graph', () => {
    expect(square.inputMetadata).toEqual(community.inputMetadata);
    expect(square.outputMetadata).toEqual(community.outputMetadata);
  });

  it('boxes the red rectangle at 800×800', async () => {
    const hits = detect(await run(800, 800, 'red'), 'pred_boxes', 800, 800);
    expect(hits).toHaveLength(1);
    expect(iou(hits[0]!.box, redOnBlue(800, 800).red)).toBeGreaterThan(0.95);
  });

  it("fails at run time at the 800/1333 rule's 1200×800, and boxes the wrong place at 1000×640 (800² pixels, not square)", async () => {
    await expect(run(1200, 800, 'red')).rejects.toThrow(/Reshape/);
    const wrong = detect(await run(1000, 640, 'red'), 'pred_boxes', 1000, 640);
    expect(wrong.length === 0 || iou(wrong[0]!.box, redOnBlue(1000, 640).red) < 0.5).toBe(true);
  });

  it('ships the onnx-community preprocessor_config.json: size {height, width}, 496 bytes like the published file', async () => {
    const bytes = await readFile(path.join(dir, 'gdino-tiny', 'preprocessor_config.json'));
    expect(bytes.length).toBe(496);
    const pre = JSON.parse(bytes.toString('utf8'));
    expect(pre).toMatchObject({
      size: { height: 800, width: 800 },
      do_resize: true,
      do_rescale: true,
      do_normalize: true,
      rescale_factor: 1 / 255,
      image_processor_type: 'GroundingDinoImageProcessor',
    });
    expect(pre.size).not.toHaveProperty('shortest_edge');
  });
});

/** Sub-sentence masks and position ids (GroundingDINO's generator; special tokens 101, 102, 1012, 1029). */
function subSentence(ids: number[]): { mask: boolean[]; positions: number[] } {
  const L = ids.length;
  const mask = Array.from({ length: L * L }, (_, i) => i % (L + 1) === 0);
  const positions = new Array<number>(L).fill(0);
  let prev = 0;
  ids.forEach((id, c) => {
    if (![101, 102, 1012, 1029].includes(id)) return;
    if (c > 0 && c < L - 1)
      for (let r = prev + 1; r <= c; r++) {
        positions[r] = r - prev - 1;
        for (let k = prev + 1; k <= c; k++) mask[r * L + k] = true;
      }
    prev = c;
  });
  return { mask, positions };
}

describe('Grounding DINO stand-in, IDEA-style inputs (standin-gdino-idea)', () => {
  it('declares img, bool masks, position_ids and outputs logits/boxes', () => {
    expect(idea.inputMetadata.map((v) => (v.isTensor ? [v.name, v.type, v.shape.length] : []))).toEqual([
      ['img', 'float32', 4],
      ['input_ids', 'int64', 2],
      ['attention_mask', 'bool', 2],
      ['position_ids', 'int64', 2],
      ['token_type_ids', 'int64', 2],
      ['text_token_mask', 'bool', 3],
    ]);
    expect(idea.outputNames).toEqual(['logits', 'boxes']);
  });

  it('handles a multi-phrase prompt: one box per colour, logits only within each phrase', async () => {
    const ids = tokens(['red', '.', 'green', '.']);
    const L = ids.length;
    const { mask, positions } = subSentence(ids);
    expect(positions).toEqual([0, 0, 1, 0, 1, 0]);
    const out = await idea.run({
      img: new ort.Tensor('float32', image(), [1, 3, H, W]),
      input_ids: i64(ids, [1, L]),
      attention_mask: new ort.Tensor('bool', new Uint8Array(L).fill(1), [1, L]),
      position_ids: i64(positions, [1, L]),
      token_type_ids: i64(new Array<number>(L).fill(0), [1, L]),
      text_token_mask: new ort.Tensor('bool', Uint8Array.from(mask, Number), [1, L, L]),
    });
    const hits = detect(out, 'boxes', W, H);
    expect(hits.map((h) => h.token).sort()).toEqual([1, 3]);
    expect(iou(hits.find((h) => h.token === 1)!.box, RED_SQUARE)).toBeGreaterThan(0.9);
    expect(iou(hits.find((h) => h.token === 3)!.box, DISC_BOX)).toBeGreaterThan(0.9);
    const redRow = Array.from((out.logits!.data as Float32Array).subarray(0, L));
    expect(redRow).toEqual([-8, 6, -3, -8, -8, -8]);
  });
});
