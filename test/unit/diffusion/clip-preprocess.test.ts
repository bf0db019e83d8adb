// Runs in: tests (Node). The CLIP image processor that builds the safety checker's clip_input: shortest side
// to 224, centre crop, CLIP mean/std; preprocessor_config.json in its old and new forms, defaults without it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIP_DEFAULTS, clipInput, readClipPreprocess } from '../../../src-main/engine/diffusion/clip-preprocess';
import { clipPreprocessorConfigJson } from '../../../src-main/standins/sd/safety-checker';

let root = '';
beforeAll(async () => (root = await mkdtemp(path.join(os.tmpdir(), 'anyfill-clip-'))));
afterAll(() => rm(root, { recursive: true, force: true }));

const writeConfig = async (packId: string, text: string) => {
  await mkdir(path.join(root, packId, 'feature_extractor'), { recursive: true });
  await writeFile(path.join(root, packId, 'feature_extractor', 'preprocessor_config.json'), text);
};

describe('CLIP preprocessing for clip_input', () => {
  it('resizes the short side to 224, centre-crops and normalises with CLIP mean/std', async () => {
    // 400×200: left half red, right half blue → 448×224, crop x 112..335: the crop's left half red, right half blue.
    const rgb = new Uint8Array(400 * 200 * 3);
    for (let i = 0; i < 400 * 200; i++) rgb.set(i % 400 < 200 ? [255, 0, 0] : [0, 0, 255], i * 3);
    const x = await clipInput(rgb, 400, 200, CLIP_DEFAULTS);
    expect(x.length).toBe(3 * 224 * 224);
    const at = (c: number, px: number, py: number) => x[(c * 224 + py) * 224 + px]!;
    const norm = (v: number, c: number) => (v - CLIP_DEFAULTS.mean[c]!) / CLIP_DEFAULTS.std[c]!;
    expect(at(0, 10, 100)).toBeCloseTo(norm(1, 0), 5);
    expect(at(2, 10, 100)).toBeCloseTo(norm(0, 2), 5);
    expect(at(2, 214, 100)).toBeCloseTo(norm(1, 2), 5);
  });

  it('reads preprocessor_config.json in either form; the spec defaults when absent', async () => {
    expect(await readClipPreprocess(root, 'none')).toEqual(CLIP_DEFAULTS);
    await writeConfig('sd', clipPreprocessorConfigJson());
    expect(await readClipPreprocess(root, 'sd')).toEqual(CLIP_DEFAULTS);
    const config = {
      size: { shortest_edge: 112 },
      crop_size: { height: 96, width: 112 },
      rescale_factor: 0.5,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.25, 0.25, 0.25],
    };
    await writeConfig('p', JSON.stringify(config));
    expect(await readClipPreprocess(root, 'p')).toEqual({
      shortestEdge: 112,
      crop: { width: 112, height: 96 },
      rescale: 0.5,
      mean: [0.5, 0.5, 0.5],
      std: [0.25, 0.25, 0.25],
    });
    await writeConfig('broken', '{ not json');
    expect(await readClipPreprocess(root, 'broken')).toEqual(CLIP_DEFAULTS);
  });
});
