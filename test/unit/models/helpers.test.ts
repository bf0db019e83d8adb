// Runs in: test tooling. The pure pieces of the model store: URLs, hub headers, Range replies,
// progress math and throttling, containment, manifests, and the bundled catalog itself.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';
import { catalogBytes, findCatalogPack, installedPaths, loadCatalog } from '../../../src-main/engine/models/catalog';
import { fileUrl, hubFileInfo, parseContentRange, parseEtag, resolveEndpoint } from '../../../src-main/engine/models/hub-http';
import { readManifestDetailed, resolvePackFile } from '../../../src-main/engine/models/pack-files';
import { ProgressReporter, SpeedMeter, etaSeconds } from '../../../src-main/engine/models/progress';
import { isInside } from '../../../src-main/engine/models/store-fs';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

const headers = (h: Record<string, string>) => new Headers(h);

it('builds hub URLs from the call, the environment, or the default', () => {
  expect(resolveEndpoint('https://mirror.example/')).toBe('https://mirror.example');
  expect(resolveEndpoint(undefined, { ANYFILL_MODEL_ENDPOINT: 'https://hf-mirror.com//' })).toBe('https://hf-mirror.com');
  expect(resolveEndpoint(undefined, {})).toBe('https://huggingface.co');
  expect(fileUrl('https://huggingface.co', 'Acly/MobileSAM', 'main', 'a b/c#.onnx')).toBe(
    'https://huggingface.co/Acly/MobileSAM/resolve/main/a%20b/c%23.onnx',
  );
});

it('reads sha256, size, commit and the If-Range validator from a reply chain', () => {
  const sha = 'a'.repeat(64);
  const redirect = headers({ 'x-linked-etag': `"${sha}"`, 'x-linked-size': '1234', 'x-repo-commit': 'abc', etag: `"${sha}"` });
  const cdn = headers({ etag: '"cdn-1"', 'content-length': '1234' });
  expect(hubFileInfo([redirect, cdn], 200)).toEqual({ sha256: sha, size: 1234, commit: 'abc', validator: '"cdn-1"' });
  // A git file: 40-hex ETag is no sha256; a weak ETag is no validator, Last-Modified is.
  const git = headers({
    etag: 'W/"0123456789012345678901234567890123456789"',
    'content-length': '10',
    'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
  });
  expect(hubFileInfo([git], 200)).toEqual({ sha256: null, size: 10, commit: null, validator: 'Mon, 01 Jan 2024 00:00:00 GMT' });
  expect(hubFileInfo([headers({ 'content-range': 'bytes 10-19/20', 'content-length': '10' })], 206).size).toBe(20);
  expect(parseEtag('W/"AbC"')).toEqual({ tag: 'abc', weak: true });
  expect(parseEtag(null)).toBeNull();
  expect(parseContentRange('bytes 5-9/10')).toEqual({ start: 5, end: 9, total: 10 });
  expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
  expect(parseContentRange('bytes */10')).toBeNull();
});

it('computes a moving-average speed and an ETA, and throttles byte updates to ~4/s', () => {
  const meter = new SpeedMeter(5000);
  for (let t = 0; t <= 10_000; t += 1000) meter.sample(t * 100, t); // 100 kB/s
  expect(meter.bytesPerSecond()).toBeCloseTo(100_000);
  expect(etaSeconds(1_000_000, 100_000)).toBe(10);
  expect(etaSeconds(1, 0)).toBeNull();

  const events: DownloadProgress[] = [];
  let now = 0;
  const r = new ProgressReporter(
    'p1',
    [1000, 3000],
    (p) => events.push(p),
    () => now,
  );
  r.set('downloading', 0, 'a');
  for (let i = 0; i < 100; i++) {
    now += 10; // 100 chunks over 1 s
    r.addBytes(10);
  }
  expect(events.length).toBeGreaterThanOrEqual(4);
  expect(events.length).toBeLessThanOrEqual(6);
  expect(events.at(-1)).toMatchObject({ receivedBytes: 1000, totalBytes: 4000, fileIndex: 0, fileCount: 2 });
  r.fileDone(0);
  r.setFileSize(1, 2000); // the server told the exact size
  r.set('verifying', 1, 'b');
  expect(events.at(-1)).toMatchObject({ state: 'verifying', receivedBytes: 1000, totalBytes: 3000, bytesPerSecond: 0, etaSeconds: null });
});

it('keeps pack files inside their pack, naming the pack and role when one is missing', async () => {
  expect(isInside('/a/b', '/a/b/c')).toBe(true);
  expect(isInside('/a/b', '/a/bc')).toBe(false);
  expect(isInside('/a/b', '/a/b/..c')).toBe(true);
  const dir = await mkdtemp(path.join(tmpdir(), 'anyfill-packfiles-'));
  try {
    const m = await writeStandinPack(dir, {
      packId: 'p1',
      family: 'sam1',
      layout: 'sam1-acly',
      roles: { encoder: 'e.onnx', decoder: 'd.onnx' },
      files: { 'e.onnx': new Uint8Array(1) },
      behaviour: '',
    });
    expect(resolvePackFile(dir, m, 'encoder')).toBe(path.join(await realDir(dir), 'p1', 'e.onnx'));
    expect(() => resolvePackFile(dir, m, 'decoder')).toThrow(/"decoder" file of model pack "p1" \(d\.onnx\) is missing/);
    expect(() => resolvePackFile(dir, m, 'tokenizer')).toThrow('Model pack "p1" has no "tokenizer" file.');
    await writeFile(path.join(dir, 'outside.onnx'), 'x');
    await symlink(path.join(dir, 'outside.onnx'), path.join(dir, 'p1', 'd.onnx'));
    expect(() => resolvePackFile(dir, m, 'decoder')).toThrow(/points outside the pack/);

    await mkdir(path.join(dir, 'p2'));
    expect(await readManifestDetailed(dir, 'p2')).toEqual({ manifest: null, reason: 'no manifest' });
    await writeFile(path.join(dir, 'p2', 'anyfill-pack.json'), '{"schemaVersion":1}');
    expect((await readManifestDetailed(dir, 'p2')).reason).toMatch(/^manifest is invalid/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('ships a valid catalog with the packs the app expects', () => {
  const catalog = loadCatalog();
  expect(catalog.packs.map((p) => p.id)).toEqual([
    'mobilesam',
    'sam-vit-b',
    'sam2.1-tiny',
    'gdino-tiny',
    'sd15-inpaint',
    'sd15-inpaint-fp16',
    'migan-512',
    'lama-512',
    'lcm-dreamshaper-v7',
    'taesd',
  ]);
  for (const pack of catalog.packs) {
    const paths = installedPaths(pack);
    for (const rolePath of Object.values(pack.roles)) expect(paths).toContain(rolePath);
    expect(new Set(paths).size).toBe(paths.length);
    for (const f of pack.files) for (const rule of f.extract ?? []) expect(() => new RegExp(rule.match)).not.toThrow();
  }
  expect(findCatalogPack('sd15-inpaint-fp16')).toMatchObject({ precision: 'fp16', recommendedDevice: 'gpu' });
  expect(findCatalogPack('lcm-dreamshaper-v7')).toMatchObject({ family: 'sd-inpaint', layout: 'sd-lcm-optimum', fastPath: 'lcm' });
  expect(catalogBytes(findCatalogPack('mobilesam')!)).toBe(28_157_093 + 16_496_559);
});

async function realDir(p: string): Promise<string> {
  return (await import('node:fs/promises')).realpath(p);
}
