// Runs in: vitest (node). The pipeline log's schema and builders: fill / inpaint / outpaint logs parse, an
// image layer with a log is a valid layer, missing hashes give no log, the SAM result handle is dropped,
// re-run requests carry the recorded parameters, and the exported JSON and file name are as promised.
import { describe, expect, it } from 'vitest';
import type { FillResult } from '../../../src-shared/contract/job-payloads';
import type { InpaintResult, OutpaintResult } from '../../../src-shared/contract/diffusion-payloads';
import type { AssetId, JobId } from '../../../src-shared/document/ids';
import { ProvenanceSchema } from '../../../src-shared/document/provenance';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { ImageLayerSchema } from '../../../src-shared/document/types';
import { logFileName, pipelineLogJson } from '../../../src-renderer/pipeline/log-json';
import { fillProvenance, inpaintProvenance, outpaintProvenance } from '../../../src-renderer/pipeline/provenance-build';
import { rerunOutcome, rerunRequest } from '../../../src-renderer/pipeline/rerun-request';

const h = (c: string) => c.repeat(64);
const stamp = { appVersion: '1.2.3', createdAt: '2025-01-01T00:00:00.000Z' };
const input = { assetId: 'a_input1' as AssetId, width: 200, height: 100 };
const asset = (id: string) => ({ id: id as AssetId, width: 40, height: 30, format: 'png', hasAlpha: true, orientation: 1, notices: [] });
const proxy = { path: 'assets/x/proxy.webp', width: 40, height: 30 };
const selection: SelectionLayer = {
  id: 'l_select1' as SelectionLayer['id'],
  kind: 'selection',
  name: 'Sel',
  visible: true,
  colour: '#ff0000',
  assetId: input.assetId,
  prompt: { points: [{ x: 5, y: 6, label: 1 }], box: { x0: 1, y0: 2, x1: 30, y1: 40 } },
  sam: null,
  strokes: [],
  ops: [{ kind: 'fillHoles' }],
  wand: [{ x: 9, y: 9, mode: 'add', tolerance: 20, edgeAware: true, contiguous: true }],
};
const fill: FillResult = {
  asset: asset('a_fillres1'),
  proxy,
  x: 10,
  y: 20,
  method: 'telea',
  seed: 42,
  ms: 12,
  inputSha256: h('a'),
  resultSha256: h('b'),
};
const inpaint = {
  variants: [0, 1].map((i) => ({ asset: asset(`a_variant${i}`), proxy, x: 3, y: 4, seed: 5 + i, resultSha256: h(String(i)) })),
  withheld: [],
  cropRect: { x: 0, y: 0, width: 64, height: 64 },
  processingSize: { width: 512, height: 512 },
  timings: { denoiseMs: 10 },
  promptReport: {
    prompt: { truncated: false, tokens: 1, kept: 1, dropped: '' },
    negative: { truncated: false, tokens: 0, kept: 0, dropped: '' },
  },
  packId: 'sd15-inpaint',
  device: 'CPU',
  inputSha256: h('c'),
  packFiles: [{ path: 'unet/model.onnx', sha256: h('d') }],
} as InpaintResult;
const sent = {
  prompt: 'red',
  negativePrompt: '',
  seed: 5,
  steps: 4,
  guidance: 7.5,
  strength: 0.9,
  scheduler: 'ddim' as const,
  variants: 2,
  colourMatch: true,
  maskGrow: 4,
};
const job = 'j_test01' as JobId;

describe('pipeline log builders', () => {
  it('a content-aware fill log parses and sits on an image layer', () => {
    const p = ProvenanceSchema.parse(fillProvenance(input, selection, 'auto', fill, stamp));
    expect(p).toMatchObject({
      kind: 'content-aware-fill',
      appVersion: '1.2.3',
      input: { sha256: h('a'), width: 200 },
      request: { seed: 42, method: 'telea', requestedMethod: 'auto' },
      models: [],
    });
    expect(p.result).toEqual({ assetId: 'a_fillres1', sha256: h('b'), x: 10, y: 20, width: 40, height: 30 });
    const layer = {
      id: 'l_fillres1',
      kind: 'image',
      name: 'Fill',
      assetId: 'a_fillres1',
      visible: true,
      opacity: 1,
      x: 10,
      y: 20,
      width: 40,
      height: 30,
      provenance: p,
    };
    expect(ImageLayerSchema.parse(layer).provenance?.selection?.wand).toHaveLength(1);
    expect(rerunRequest(p, job, 512)).toEqual({
      channel: 'fill.run',
      payload: { jobId: job, assetId: input.assetId, selection, method: 'telea', seed: 42, maxProxySide: 512 },
    });
  });

  it('no log without the engine hashes; the SAM result handle is not kept', () => {
    expect(fillProvenance(input, selection, 'auto', { ...fill, resultSha256: undefined }, stamp)).toBeUndefined();
    const sam = {
      packId: 'sam',
      resultId: 'r1',
      candidateIndex: 0,
      logits: { scale: 1, base64: '' },
      placement: { width: 200, height: 100 },
    } as unknown as SelectionLayer['sam'];
    const p = fillProvenance(input, { ...selection, sam }, 'telea', fill, stamp)!;
    expect(p.selection?.sam).not.toHaveProperty('resultId');
  });

  it('an inpaint variant log records its own seed, the run, the pack files; its re-run makes that one variant', () => {
    const p = ProvenanceSchema.parse(inpaintProvenance('generative-fill', input, selection, sent, inpaint, 1, stamp));
    expect(p.request).toMatchObject({ seed: 6, runSeed: 5, variants: 2, strength: 0.9, scheduler: 'ddim', maskGrow: 4 });
    expect(p.models).toEqual([{ packId: 'sd15-inpaint', device: 'CPU', files: [{ path: 'unet/model.onnx', sha256: h('d') }] }]);
    const r = rerunRequest(p, job, 256);
    expect(r?.channel).toBe('inpaint.run');
    expect(r?.payload).toMatchObject({ seed: 6, variants: 1, packId: 'sd15-inpaint', prompt: 'red', strength: 0.9, maskGrow: 4 });
    // A log from before the setting existed re-runs as it was made: no grow.
    expect(rerunRequest({ ...p, request: { ...p.request, maskGrow: undefined } }, job, 256)?.payload).toMatchObject({ maskGrow: 0 });
    expect(rerunOutcome('inpaint.run', inpaint)?.sha256).toBe(h('0'));
  });

  it('an outpaint log keeps the extension and re-runs it', () => {
    const out = {
      asset: asset('a_outpaint1'),
      proxy,
      offset: { x: 8, y: 0 },
      windows: [],
      seed: 3,
      timings: {},
      promptReport: inpaint.promptReport,
      packId: 'sd15-inpaint',
      device: 'CPU',
      inputSha256: h('e'),
      resultSha256: h('f'),
      packFiles: [],
    } as OutpaintResult;
    const extend = { left: 8, right: 8, top: 0, bottom: 0 };
    const p = ProvenanceSchema.parse(
      outpaintProvenance(
        input,
        { prompt: '', negativePrompt: '', seed: 3, steps: 4, guidance: 7, scheduler: 'ddim', extend, prefill: 'mirror' },
        out,
        stamp,
      ),
    );
    expect(p.selection).toBeNull();
    expect(rerunRequest(p, job, 256)?.payload).toMatchObject({ extend, prefill: 'mirror', seed: 3 });
  });

  it('the exported JSON names its format and layer; file names are safe', () => {
    const p = fillProvenance(input, selection, 'auto', fill, stamp)!;
    expect(JSON.parse(pipelineLogJson({ id: 'l_1' as never, name: 'Fill' }, p))).toMatchObject({
      format: 'anyfill-pipeline-log',
      layer: { name: 'Fill' },
      request: { seed: 42 },
    });
    expect(logFileName('Fill (PatchMatch, seed 7)')).toBe('Fill-PatchMatch-seed-7-pipeline.json');
    expect(logFileName('///')).toBe('layer-pipeline.json');
  });
});
