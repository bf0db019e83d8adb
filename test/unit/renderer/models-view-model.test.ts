// Runs in: vitest (node). The model manager's view model: groups, card states, buttons, progress, disk.
import { describe, expect, it } from 'vitest';
import type { DownloadProgress, PackStatus } from '../../../src-shared/contract/model-payloads';
import {
  cardState,
  diskSummary,
  groupPacks,
  isActive,
  needsFirstModel,
  packActions,
  progressView,
  sizeText,
  sourceText,
  wontFit,
  type CardState,
} from '../../../src-renderer/models/view-model';

function pack(over: Partial<PackStatus> = {}): PackStatus {
  return {
    id: 'mobilesam',
    family: 'sam1',
    layout: 'sam1-acly',
    title: 'MobileSAM (fast, CPU)',
    description: 'A light SAM.',
    licence: { name: 'Apache-2.0', url: 'https://example.invalid/licence' },
    precision: 'fp32',
    recommendedDevice: 'cpu',
    memoryMB: 400,
    default: true,
    state: 'available',
    bytes: 44_700_000,
    installedBytes: 0,
    inCatalog: true,
    device: { name: 'cpu', note: 'Running on CPU.' },
    files: [
      { path: 'a.onnx', bytes: 28_200_000, present: false },
      { path: 'b.onnx', bytes: 16_500_000, present: false },
    ],
    ...over,
  };
}

function progress(over: Partial<DownloadProgress> = {}): DownloadProgress {
  return {
    packId: 'mobilesam',
    state: 'downloading',
    file: 'b.onnx',
    fileIndex: 1,
    fileCount: 2,
    receivedBytes: 30_000_000,
    totalBytes: 44_700_000,
    bytesPerSecond: 3_100_000,
    etaSeconds: 5,
    ...over,
  };
}

describe('groupPacks', () => {
  it('puts SAM and SAM 2 under Select, Grounding DINO under Find by name, MI-GAN and LaMa under Remove, SD under Generate', () => {
    const packs = [
      pack({ id: 'gdino-tiny', family: 'gdino' }),
      pack({ id: 'migan-512', family: 'eraser' }),
      pack({ id: 'lama-512', family: 'eraser' }),
      pack({ id: 'sd15-inpaint', family: 'sd-inpaint' }),
      pack({ id: 'sam2.1-tiny', family: 'sam2' }),
      pack({ id: 'mobilesam' }),
    ];
    const groups = groupPacks(packs);
    expect(groups.map((g) => [g.title, g.models, g.packs.map((p) => p.id)])).toEqual([
      ['Select', 'SAM / SAM 2', ['sam2.1-tiny', 'mobilesam']],
      ['Find by name', 'Grounding DINO', ['gdino-tiny']],
      ['Remove', 'MI-GAN / LaMa', ['migan-512', 'lama-512']],
      ['Generate', 'Stable Diffusion', ['sd15-inpaint']],
    ]);
  });

  it('keeps empty groups and lists imported or stand-in packs after the catalog ones', () => {
    const packs = [
      pack({ id: 'my-sam', inCatalog: false, source: 'import', state: 'installed' }),
      pack({ id: 'mobilesam' }),
      pack({ id: 'sam-vit-b' }),
    ];
    const groups = groupPacks(packs);
    expect(groups[0]!.packs.map((p) => p.id)).toEqual(['mobilesam', 'sam-vit-b', 'my-sam']);
    expect(groups[1]!.packs).toEqual([]);
    expect(groups[2]!.packs).toEqual([]);
  });
});

describe('cardState', () => {
  it('is the engine state when nothing happened here', () => {
    for (const s of ['available', 'incomplete', 'installed', 'damaged', 'downloading'] as const) {
      expect(cardState(pack({ state: s }))).toBe(s);
    }
  });

  it('is downloading while a progress event says so, whatever the list said', () => {
    for (const s of ['queued', 'downloading', 'verifying', 'extracting'] as const) {
      expect(cardState(pack(), progress({ state: s }))).toBe('downloading');
      expect(isActive(progress({ state: s }))).toBe(true);
    }
    expect(isActive(undefined)).toBe(false);
  });

  it('shows the end of the last attempt until the list says installed', () => {
    expect(cardState(pack({ state: 'incomplete' }), progress({ state: 'failed' }))).toBe('failed');
    expect(cardState(pack({ state: 'incomplete' }), progress({ state: 'cancelled' }))).toBe('cancelled');
    expect(cardState(pack({ state: 'incomplete' }), undefined, 'cancelled')).toBe('cancelled');
    expect(cardState(pack({ state: 'available' }), undefined, 'failed')).toBe('failed');
    expect(cardState(pack({ state: 'installed' }), progress({ state: 'failed' }), 'failed')).toBe('installed');
    expect(cardState(pack({ state: 'installed' }), progress({ state: 'done' }))).toBe('installed');
    // The 'done' event comes a moment before the list catches up.
    expect(cardState(pack({ state: 'available' }), progress({ state: 'done' }))).toBe('installed');
  });
});

describe('packActions', () => {
  const kinds = (state: CardState, over: Partial<PackStatus> = {}) => packActions(state, pack(over)).map((a) => `${a.kind}:${a.label}`);

  it('offers the buttons each state allows', () => {
    expect(kinds('available')).toEqual(['download:Download']);
    expect(kinds('downloading')).toEqual(['cancel:Cancel']);
    expect(kinds('installed')).toEqual(['verify:Verify', 'remove:Remove']);
    expect(kinds('damaged')).toEqual(['download:Download again', 'verify:Verify', 'remove:Remove']);
    expect(kinds('incomplete', { installedBytes: 10 })).toEqual(['download:Resume', 'remove:Remove']);
    expect(kinds('failed')).toEqual(['download:Retry']);
    expect(kinds('failed', { installedBytes: 10 })).toEqual(['download:Retry', 'remove:Remove']);
    expect(kinds('cancelled', { installedBytes: 10 })).toEqual(['download:Retry', 'remove:Remove']);
  });

  it('never offers a download of a pack the catalog does not list', () => {
    expect(kinds('installed', { inCatalog: false })).toEqual(['verify:Verify', 'remove:Remove']);
    expect(kinds('damaged', { inCatalog: false })).toEqual(['verify:Verify', 'remove:Remove']);
    expect(kinds('available', { inCatalog: false })).toEqual([]);
  });

  it('labels every button with the pack it acts on', () => {
    for (const a of packActions('damaged', pack())) expect(a.ariaLabel).toContain('MobileSAM (fast, CPU)');
    expect(packActions('downloading', pack())[0]!.ariaLabel).toBe('Cancel the download of MobileSAM (fast, CPU)');
  });
});

describe('progressView', () => {
  it('shows bytes of total, speed and ETA while bytes flow', () => {
    expect(progressView(progress())).toEqual({
      percent: 67,
      bytes: '30.0 MB of 44.7 MB',
      rate: '3.1 MB/s · 5 s left',
      phase: 'Downloading b.onnx (2 of 2)',
    });
  });

  it('shows the phase alone when nothing flows, and 100 % when done', () => {
    expect(progressView(progress({ state: 'verifying', bytesPerSecond: 0, etaSeconds: null })).rate).toBe('');
    expect(progressView(progress({ state: 'verifying' })).phase).toBe('Checking b.onnx (2 of 2)');
    expect(progressView(progress({ state: 'queued', receivedBytes: 0, file: undefined })).phase).toBe('Waiting…');
    const done = progressView(progress({ state: 'done', receivedBytes: 44_000_000 }));
    expect(done.percent).toBe(100);
    expect(done.phase).toBe('Done');
  });

  it('copes with an unknown total', () => {
    expect(progressView(progress({ totalBytes: 0, receivedBytes: 1500 }))).toMatchObject({ percent: 0, bytes: '1.5 kB' });
  });
});

describe('sizes, sources and disk', () => {
  it('says "about" before the download and the bytes on disk after', () => {
    expect(sizeText(pack())).toBe('about 44.7 MB');
    expect(sizeText(pack({ state: 'incomplete', installedBytes: 10_000_000 }))).toBe('about 44.7 MB (10.0 MB downloaded)');
    expect(sizeText(pack({ state: 'installed', installedBytes: 44_650_000 }))).toBe('44.6 MB');
  });

  it('names where installed files came from', () => {
    expect(sourceText(pack())).toBe('');
    expect(sourceText(pack({ source: 'import' }))).toBe('Imported from a folder');
    expect(sourceText(pack({ source: 'standin' }))).toBe('Stand-in (test model)');
    expect(sourceText(pack({ source: 'download' }))).toBe('Downloaded');
  });

  it('sums the disk use and shows the free space when known', () => {
    const packs = [pack({ installedBytes: 44_700_000 }), pack({ installedBytes: 1_300_000 })];
    expect(diskSummary(packs, 120_300_000_000)).toBe('Models use 46.0 MB · 120 GB free');
    expect(diskSummary([], null)).toBe('Models use 0 B · free space unknown');
  });

  it('warns when the rest of a download would not fit', () => {
    expect(wontFit(pack(), 40_000_000)).toBe(true);
    expect(wontFit(pack({ installedBytes: 10_000_000 }), 40_000_000)).toBe(false);
    expect(wontFit(pack(), null)).toBe(false);
  });

  it('asks for a first model only once the list is known and nothing is installed', () => {
    expect(needsFirstModel(null)).toBe(false);
    expect(needsFirstModel([pack(), pack({ state: 'incomplete' })])).toBe(true);
    expect(needsFirstModel([pack(), pack({ state: 'installed' })])).toBe(false);
  });
});

describe('queuedProgress', () => {
  it('starts the bar of a pack from what is already on disk', async () => {
    const { queuedProgress } = await import('../../../src-renderer/models/view-model');
    const p = queuedProgress({
      id: 'mobilesam',
      files: [
        { path: 'a', bytes: 1, present: false },
        { path: 'b', bytes: 2, present: true },
      ],
      installedBytes: 2,
      bytes: 3,
    });
    expect(p).toMatchObject({ packId: 'mobilesam', state: 'queued', fileCount: 2, receivedBytes: 2, totalBytes: 3, etaSeconds: null });
  });
});
