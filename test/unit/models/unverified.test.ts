// Runs in: test tooling. Nothing unverified is installed (issue 15): with no sha256 anywhere (catalog, hub
// listing, headers), an HTML page, random bytes or a cut-off body is refused and nothing lands in the pack;
// with a pinned or listed hash the same bodies fail their checks; a file that passes the structural check
// (ONNX that parses with the pack's I/O contract, JSON that parses) is installed and the pack says unverified.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { formatList } from '../../../src-main/cli/models-format';
import { verifyPack } from '../../../src-main/engine/models/install';
import { listPacks } from '../../../src-main/engine/models/list-packs';
import { findCatalogPack } from '../../../src-main/engine/models/catalog';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { allStandinPacks } from '../../../src-main/standins';
import { catalogOf, cpuDevice, makeEnv, sha256, type Env } from './fixtures';

let env: Env;
afterEach(() => env.cleanup());

const HTML = Buffer.from('<!DOCTYPE html><html><body>Service Unavailable</body></html>'); // an error page, as a captive portal or a broken mirror answers
const ENC = 'mobile_sam_image_encoder.onnx';
const DEC = 'sam_mask_decoder_multi.onnx';
let real: { encoder: Buffer; decoder: Buffer };

beforeAll(async () => {
  const sam = (await allStandinPacks()).find((p) => p.packId === 'mobilesam')!;
  real = { encoder: Buffer.from(sam.files[sam.roles.encoder!]!), decoder: Buffer.from(sam.files[sam.roles.decoder!]!) };
});

/** MobileSAM as the catalog has it: two ONNX files plus (here) a JSON config, no sha256, a branch revision. */
function mobilesam(over: (f: CatalogPack['files'][number]) => Partial<CatalogPack['files'][number]> = () => ({})): CatalogPack {
  const file = (p: string, bytes: number) => ({ path: p, repo: 'Acly/MobileSAM', revision: 'main', source: p, bytes, sha256: null });
  const files = [file(ENC, real.encoder.length), file(DEC, real.decoder.length), file('config.json', 20)];
  return {
    id: 'mobilesam',
    family: 'sam1',
    layout: 'sam1-acly',
    title: 'MobileSAM',
    description: 'test',
    licence: { name: 'MIT', url: 'https://example.invalid/l' },
    precision: 'fp32',
    recommendedDevice: 'cpu',
    memoryMB: 10,
    roles: { encoder: ENC, decoder: DEC },
    files: files.map((f) => ({ ...f, ...over(f) })),
  };
}

/** A hub that vouches for nothing: no listing, no LFS headers (so no X-Linked-Etag, no sha256 ETag). */
async function hubWithoutHashes(pack: CatalogPack, encoder: Buffer): Promise<Env> {
  const e = await makeEnv(catalogOf(pack));
  e.hub.knobs.listing = 'missing';
  e.hub.knobs.isLfs = () => false;
  await e.put('Acly/MobileSAM', ENC, encoder);
  await e.put('Acly/MobileSAM', DEC, real.decoder);
  await e.put('Acly/MobileSAM', 'config.json', Buffer.from('{"model_type":"sam"}\n'));
  return e;
}

const packDir = () => path.join(env.modelsDir, 'mobilesam');
const partials = async () => readdir(path.join(env.modelsDir, '.partial', 'mobilesam')).catch(() => []);

it('refuses an HTML page, random bytes and a cut-off model when no hash is published anywhere', async () => {
  const bodies: Array<[string, Buffer, RegExp]> = [
    ['an HTML page', HTML, /it is not an ONNX model: wire type 4 at byte 0/],
    ['random bytes', randomBytes(real.encoder.length), /it is not an ONNX model: /],
    [
      'half the model',
      real.encoder.subarray(0, real.encoder.length >> 1),
      /it is not an ONNX model: a field of \d+ bytes at byte \d+ runs past its message/,
    ],
  ];
  for (const [what, body, why] of bodies) {
    env = await hubWithoutHashes(mobilesam(), body);
    const err = await env
      .manager()
      .download('mobilesam', { endpoint: env.hub.url })
      .catch((e: unknown) => e);
    expect(err, what).toMatchObject({ code: 'INTEGRITY', message: expect.stringMatching(why) });
    expect((err as Error).message).toMatch(
      new RegExp(
        `^${ENC} could not be verified: no sha256 is published for it \\(not in the catalog, the hub's listing or its headers\\), and it is .+\\. It was not installed; try another mirror or the default hub\\.$`,
      ),
    );
    expect(existsSync(path.join(packDir(), ENC)), what).toBe(false);
    expect(existsSync(path.join(packDir(), 'anyfill-pack.json')), what).toBe(false);
    expect(await partials(), what).toEqual([]);
    await env.cleanup();
  }
  env = await makeEnv(catalogOf(mobilesam()));
});

it("refuses a valid ONNX model that is not the role's model (the decoder served as the encoder)", async () => {
  env = await hubWithoutHashes(mobilesam(), real.decoder);
  await expect(env.manager().download('mobilesam', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: expect.stringMatching(
      new RegExp(
        `^${ENC} could not be verified: .+ and it does not have the pack's encoder contract \\(${ENC} does not look like a SAM 1 image encoder`,
      ),
    ),
  });
  expect(existsSync(path.join(packDir(), ENC))).toBe(false);
});

it('installs files that pass the structural check, and the pack says it is unverified (or size-only at a pinned commit)', async () => {
  env = await hubWithoutHashes(mobilesam(), real.encoder);
  const manifest = await env.manager().download('mobilesam', { endpoint: env.hub.url });
  expect(manifest.files.map((f) => [f.path, f.sha256])).toEqual([
    [ENC, sha256(real.encoder)],
    [DEC, sha256(real.decoder)],
    ['config.json', expect.any(String)],
  ]);
  expect(manifest.evidence).toEqual({
    state: 'unverified',
    note: `No sha256 is published for ${ENC}, ${DEC}, config.json (not in the catalog, the hub's listing or its headers): only a structural check vouched for them.`,
  });
  expect(await readManifest(env.modelsDir, 'mobilesam')).toEqual(manifest);
  // The pack listing (Models window, `anyfill models list`) and verify say so, with the reason.
  const catalog = catalogOf(mobilesam());
  const listed = (await listPacks(env.modelsDir, cpuDevice, { catalog })).packs[0]!;
  expect(listed).toMatchObject({ state: 'installed', evidence: 'unverified', evidenceNote: manifest.evidence!.note });
  const table = formatList({ modelsDir: env.modelsDir, diskFreeBytes: null, packs: [listed] });
  expect(table).toMatch(/\nmobilesam\s+installed \(unverified\)\s+/);
  expect(table).toContain(`\nmobilesam: ${manifest.evidence!.note}\n`);
  expect(await verifyPack(env.modelsDir, 'mobilesam', { catalog })).toMatchObject({
    ok: true,
    evidence: 'unverified',
    evidenceNote: manifest.evidence!.note,
  });
  await env.cleanup();

  // Sizes pinned at a commit are exact: then the evidence is the size and the structure.
  const commit = 'c0ffee'.padEnd(40, '0');
  env = await hubWithoutHashes(
    mobilesam((f) => ({ revision: commit, bytes: f.path === 'config.json' ? 21 : f.bytes })),
    real.encoder,
  );
  const pinned = await env.manager().download('mobilesam', { endpoint: env.hub.url });
  expect(pinned.evidence).toMatchObject({
    state: 'size-only',
    note: expect.stringContaining('only its exact size and a structural check vouched for them'),
  });
});

it('with a pinned or listed sha256 the same bodies fail their checks, naming the file', async () => {
  // Pinned in the catalog: random bytes of the right length fail the checksum.
  env = await hubWithoutHashes(
    mobilesam((f) => (f.path === ENC ? { sha256: sha256(real.encoder) } : {})),
    randomBytes(real.encoder.length),
  );
  await expect(env.manager().download('mobilesam', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: expect.stringMatching(
      new RegExp(`^${ENC} failed its checksum \\(expected ${sha256(real.encoder)}, got [0-9a-f]{64}\\); it was deleted, try again\\.$`),
    ),
  });
  expect(existsSync(path.join(packDir(), ENC))).toBe(false);
  await env.cleanup();

  // Listed by the hub (LFS sha256 and size of the real model), but the body is an HTML page.
  env = await hubWithoutHashes(mobilesam(), HTML);
  env.hub.knobs.listing = 'on';
  env.hub.knobs.editListing = (_repo, entries) =>
    entries.map((e) =>
      e.path === ENC
        ? { ...e, size: real.encoder.length, lfs: { oid: sha256(real.encoder), size: real.encoder.length, pointerSize: 134 } }
        : e,
    );
  await expect(env.manager().download('mobilesam', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: `${ENC} has the wrong size (expected ${real.encoder.length} bytes, got ${HTML.length}); it was deleted, try again.`,
  });
  expect(existsSync(path.join(packDir(), ENC))).toBe(false);
  expect(await partials()).toEqual([]);
});

it('checks external data with no hash against the model beside it: long enough is installed, a cut-off or HTML weights.pb is not', async () => {
  const sd = (await allStandinPacks()).find((p) => p.packId === 'sd15-inpaint')!;
  const real = findCatalogPack('sd15-inpaint')!;
  const pack = { ...real, files: real.files.map((f) => ({ ...f, sha256: null })) };
  const weights = Buffer.from(sd.files['unet/weights.pb']!);
  for (const [what, body] of [
    ['a cut-off weights.pb', weights.subarray(0, weights.length >> 1)],
    ['an HTML page', HTML],
    ['the real weights.pb', weights],
  ] as const) {
    env = await makeEnv(catalogOf(pack));
    Object.assign(env.hub.knobs, { listing: 'missing', isLfs: () => false });
    for (const [p, b] of Object.entries(sd.files))
      await env.put(real.files[0]!.repo, p, p === 'unet/weights.pb' ? Buffer.from(body) : Buffer.from(b));
    const got = await env
      .manager()
      .download('sd15-inpaint', { endpoint: env.hub.url })
      .catch((e: unknown) => e);
    if (body === weights) {
      expect(got, what).toMatchObject({ evidence: { state: 'unverified' } });
    } else {
      expect(got, what).toMatchObject({
        code: 'INTEGRITY',
        message: expect.stringMatching(
          new RegExp(
            `^unet/weights\\.pb could not be verified: .+, and unet/model\\.onnx reads its tensors up to byte \\d+ of it, but it has ${body.length} bytes\\. It was not installed`,
          ),
        ),
      });
      expect(existsSync(path.join(env.modelsDir, 'sd15-inpaint', 'unet', 'weights.pb')), what).toBe(false);
    }
    await env.cleanup();
  }
  env = await makeEnv(catalogOf(mobilesam()));
});
