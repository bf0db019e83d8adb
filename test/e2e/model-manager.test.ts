// Runs in: tests (node → Chromium). The model manager through the browser host: a user opens Models…,
// sees every pack with its size and device, downloads MobileSAM from a local stand-in hub (progress bar,
// installed), verifies and removes it, meets a 404 with a clear error and Retry, and cancels a slow
// download and resumes it. The hub serves small stand-in bytes under the catalog's repo/revision/source
// paths; the host reads the catalog with its pins lifted (ANYFILL_CATALOG_FILE), so downloads are checked
// against the hub's listing and X-Linked-Size / X-Linked-Etag, as against huggingface.co for a file no
// catalog pins.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogJson from '../../models/catalog.json';
import { launchChromium, repoRoot, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { startHubServer, type HubServer } from '../helpers/hub-server';
import { padOnnx } from '../helpers/onnx-padding';
import { allStandinPacks } from '../../src-main/standins/index';

// ---- The catalog's packs, served as small stand-in bytes by the local hub ----

type CatalogPackJson = (typeof catalogJson.packs)[number];
const catalogPack = (id: string): CatalogPackJson => catalogJson.packs.find((p) => p.id === id)!;

/** Stand-in bytes for each file of a pack under the hub's root (not real models: downloads do not load them). */
function serveStandIn(hubRoot: string, packId: string, sizeOf: (source: string) => number = () => 4096): void {
  for (const f of catalogPack(packId).files) {
    const file = path.join(hubRoot, ...f.repo.split('/'), ...f.source.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(sizeOf(f.source)));
  }
}

/** The stand-in models themselves, padded to `padTo` bytes: downloads stream slowly and verify can load them. */
async function serveLoadableStandIn(hubRoot: string, packId: string, padTo: number): Promise<void> {
  const pack = (await allStandinPacks()).find((p) => p.packId === packId)!;
  for (const f of catalogPack(packId).files) {
    const file = path.join(hubRoot, ...f.repo.split('/'), ...f.source.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    const bytes = pack.files[f.path]!;
    writeFileSync(file, padOnnx(bytes, Math.max(0, padTo - bytes.length)));
  }
}

/** The real catalog with every pin lifted, each file saying so: the path a mirror with no published hashes takes. */
function unpinnedCatalog(): typeof catalogJson {
  const note = 'Served by the test hub: no hash pinned; the hub vouches for it.';
  return {
    ...catalogJson,
    packs: catalogJson.packs.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, sha256: null, evidence: note })) })),
  } as typeof catalogJson;
}

/** The hub's /resolve/ requests (not the CDN hops) for a pack's repo, as repo paths. */
const resolved = (hub: HubServer, from = 0, repo?: string) =>
  hub.requests
    .slice(from)
    .filter((r) => !r.cdn && (!repo || r.path.startsWith(`${repo}/`)))
    .map((r) => r.path);

// ---- The test ----

describe('model manager', () => {
  let hub: HubServer;
  let hubRoot: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let modelsDir: string;
  const pageErrors: string[] = [];
  const shots = process.env.ANYFILL_E2E_SHOTS;

  beforeAll(async () => {
    hubRoot = mkdtempSync(path.join(os.tmpdir(), 'anyfill-hub-e2e-'));
    hub = await startHubServer(hubRoot);
    // Like huggingface.co: large files answer with a 302 to a CDN, their sha256 in X-Linked-Etag.
    hub.knobs.redirectLfs = true;
    modelsDir = mkdtempSync(path.join(os.tmpdir(), 'anyfill-models-e2e-'));
    // The stand-in bytes match no pinned hash: the host gets the catalog as a mirror with nothing pinned
    // would be (same packs, paths and commits; sizes and hashes from the hub's listing and headers).
    const unpinned = path.join(modelsDir, '..', `catalog-unpinned-${process.pid}.json`);
    writeFileSync(unpinned, JSON.stringify(unpinnedCatalog()));
    serve = await startServe([], { ANYFILL_MODELS_DIR: modelsDir, ANYFILL_MODEL_ENDPOINT: hub.url, ANYFILL_CATALOG_FILE: unpinned });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${serve.url}?test=1`);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await hub?.close();
    for (const dir of [modelsDir, hubRoot]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const card = (packId: string): Locator => page.locator(`[data-testid="model-pack"][data-pack-id="${packId}"]`);
  const stateOf = (packId: string) => card(packId).getAttribute('data-state');
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
  };

  it('says AI tools need a model on first run, and opens Models… from the File menu', async () => {
    await expect.poll(() => page.getByTestId('first-model-hint').isVisible()).toBe(true);
    expect(await page.getByTestId('first-model-hint').innerText()).toMatch(/need a model/);
    await shot('empty-state-first-run');
    await page.getByTestId('menu-file').click();
    await page.locator('[data-command="models.open"]').click();
    await page.getByTestId('model-manager').waitFor();
    await expect.poll(() => page.getByTestId('model-pack').count()).toBe(catalogJson.packs.length);
  });

  it('lists every catalog pack by what it is for, with size, licence, memory and a "Runs on CPU" device line', async () => {
    const manager = page.getByTestId('model-manager');
    expect(await manager.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      expect.stringMatching(/Select\s+SAM \/ SAM 2/i),
      expect.stringMatching(/Find by name\s+Grounding DINO/i),
      expect.stringMatching(/Remove\s+MI-GAN/i),
      expect.stringMatching(/Generate\s+Stable Diffusion/i),
    ]);
    expect(await page.getByTestId('models-group-select').getByTestId('model-pack').count()).toBe(3);
    expect(await page.getByTestId('models-disk').innerText()).toMatch(/^Models use 0 B · .+ free$/);
    for (const p of catalogJson.packs) {
      expect(await stateOf(p.id)).toBe('available');
      expect(await card(p.id).getByTestId('model-device').innerText()).toMatch(/^Runs on CPU/);
    }
    const mobile = card('mobilesam');
    expect(await mobile.getByTestId('model-size').innerText()).toBe('about 44.7 MB');
    expect(await mobile.innerText()).toMatch(/fp32/);
    expect(await mobile.innerText()).toMatch(/needs about 400 MB/);
    expect(await mobile.getByRole('link').getAttribute('href')).toBe('https://huggingface.co/Acly/MobileSAM');
    // The licence note is on the card, not behind the link.
    expect(await card('sd15-inpaint').innerText()).toMatch(/Use restrictions apply/);
    expect(await card('sd15-inpaint').getByTestId('model-size').innerText()).toMatch(/^about \d(\.\d)? GB$/);
    // The browser host cannot pick a folder for the engine: it says how instead.
    expect(await page.getByTestId('models-import-hint').innerText()).toMatch(/anyfill models import <folder>/);
    expect(await page.getByTestId('models-import').count()).toBe(0);
    await shot('model-manager-first-run');
  });

  it('downloads MobileSAM with a progress bar to installed, verifies it, and removes it', async () => {
    // The two stand-in models (loadable, so Verify can open them), streamed slowly enough that the bar is seen moving.
    await serveLoadableStandIn(hubRoot, 'mobilesam', 512 * 1024);
    hub.knobs.chunkDelayMs = 40; // 16 kB chunks: about 1.3 s per file
    // Every value the bar shows, from the page itself (nothing is missed between polls).
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __bar: number[] }).__bar = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-pack-id="mobilesam"] [data-testid="model-progress"]');
        const v = bar?.getAttribute('aria-valuenow');
        if (v !== null && v !== undefined && seen[seen.length - 1] !== Number(v)) seen.push(Number(v));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    const mobile = card('mobilesam');
    await mobile.getByTestId('model-download').click();
    await expect.poll(() => stateOf('mobilesam')).toBe('downloading');
    const bar = mobile.getByTestId('model-progress');
    expect(await bar.getAttribute('role')).toBe('progressbar');
    await expect
      .poll(
        () =>
          mobile
            .getByTestId('model-progress-bytes')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/kB of .*(kB|MB)/);
    await expect
      .poll(
        () =>
          mobile
            .getByTestId('model-progress-rate')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/\/s/);
    await shot('model-manager-downloading');
    expect(await mobile.getByTestId('model-cancel').isEnabled()).toBe(true);
    await expect.poll(() => stateOf('mobilesam'), { timeout: 30_000 }).toBe('installed');
    const seen = await page.evaluate(() => (window as unknown as { __bar: number[] }).__bar);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // never goes backwards
    expect(seen[seen.length - 1]).toBeGreaterThanOrEqual(90);
    expect(await bar.count()).toBe(0);
    expect(await mobile.getByTestId('model-state').innerText()).toBe('Installed');
    await expect.poll(() => mobile.getByTestId('model-size').innerText()).toBe('1.0 MB');
    await expect.poll(() => mobile.getByTestId('model-source').innerText()).toBe('Downloaded');
    await expect.poll(() => page.getByTestId('models-disk').innerText()).toMatch(/^Models use 1\.0 MB · /);
    await expect.poll(() => page.getByTestId('message').allInnerTexts()).toContainEqual(expect.stringMatching(/MobileSAM.*is installed/));
    hub.knobs.chunkDelayMs = 0;
    // Each file was fetched once, from the catalog's repo and source path.
    expect(resolved(hub, 0, 'Acly/MobileSAM')).toEqual(catalogPack('mobilesam').files.map((f) => `${f.repo}/${f.source}`));

    await mobile.getByTestId('model-verify').click();
    await expect.poll(() => mobile.getByTestId('model-note').getAttribute('data-kind')).toBe('ok');
    expect(await mobile.getByTestId('model-note').innerText()).toMatch(/Verified.*Loaded on CPU in .* \(2 models\)/);
    await shot('model-manager-installed');

    await mobile.getByTestId('model-remove').click();
    // Remove asks first.
    expect(await stateOf('mobilesam')).toBe('installed');
    await mobile.getByTestId('model-remove-keep').click();
    expect(await mobile.getByTestId('model-remove-confirm').count()).toBe(0);
    await mobile.getByTestId('model-remove').click();
    await mobile.getByTestId('model-remove-confirm').click();
    await expect.poll(() => stateOf('mobilesam')).toBe('available');
    expect(await mobile.getByTestId('model-download').innerText()).toBe('Download');
    await expect.poll(() => page.getByTestId('models-disk').innerText()).toMatch(/^Models use 0 B · /);
  });

  it('shows a clear error naming the missing file and offers Retry, which works once the hub has it', async () => {
    const gdino = card('gdino-tiny');
    await gdino.getByTestId('model-download').click();
    await expect.poll(() => stateOf('gdino-tiny'), { timeout: 20_000 }).toBe('failed');
    const note = gdino.getByTestId('model-note');
    expect(await note.getAttribute('data-kind')).toBe('error');
    expect(await note.innerText()).toMatch(/onnx\/model\.onnx was not found on the server/);
    expect(await gdino.getByTestId('model-state').innerText()).toBe('Download failed');
    const retry = gdino.getByTestId('model-download');
    expect(await retry.innerText()).toBe('Retry');
    expect(await retry.getAttribute('aria-label')).toBe('Retry the download of Grounding DINO tiny');
    // The message area says it too, naming the pack.
    await expect
      .poll(() => page.getByTestId('message').allInnerTexts())
      .toContainEqual(expect.stringMatching(/Grounding DINO tiny: onnx\/model\.onnx was not found/));
    await shot('model-manager-failed');

    serveStandIn(hubRoot, 'gdino-tiny');
    await retry.click();
    await expect.poll(() => stateOf('gdino-tiny'), { timeout: 30_000 }).toBe('installed');
    expect(await gdino.getByTestId('model-note').count()).toBe(0);
    // The first-run hint is gone once a model is installed.
    await page.keyboard.press('Escape');
    await page.getByTestId('model-manager').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('first-model-hint').count()).toBe(0);
    await page.getByTestId('models-button').click();
    await page.getByTestId('model-manager').waitFor();
  });

  it('cancels a slow download, keeps what arrived, and Retry resumes it to installed', async () => {
    const weights = 'unet/weights.pb';
    serveStandIn(hubRoot, 'sd15-inpaint', (source) => (source === weights ? 3 * 1024 * 1024 : 2048));
    hub.knobs.chunkDelayMs = 60; // weights.pb: 192 chunks, over 10 s
    const sd = card('sd15-inpaint');
    await sd.getByTestId('model-download').click();
    await expect
      .poll(
        () =>
          sd
            .locator('.progress-phase')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(/weights\.pb \(9 of 11\)/);
    // At least 100 kB arrived (a fraction of a percent of the catalog's estimate, so the bytes say it, not the bar).
    await expect
      .poll(
        () =>
          sd
            .getByTestId('model-progress-bytes')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/^([1-9]\d\d kB|[\d.]+ MB) of /);
    await sd.getByTestId('model-cancel').click();
    await expect.poll(() => stateOf('sd15-inpaint'), { timeout: 15_000 }).toBe('cancelled');
    expect(await sd.getByTestId('model-note').innerText()).toMatch(/cancelled/i);
    expect(await sd.getByTestId('model-note').getAttribute('data-kind')).toBe('info');
    // Cancelling is not an error.
    expect(await page.getByTestId('message').allInnerTexts()).not.toContainEqual(expect.stringMatching(/Stable Diffusion.*cancel/i));
    // What arrived stays on disk, and the card says so.
    await expect.poll(() => sd.getByTestId('model-size').innerText()).toMatch(/downloaded\)$/);
    expect(await sd.getByTestId('model-remove').count()).toBe(1);
    await sd.scrollIntoViewIfNeeded();
    await shot('model-manager-cancelled');

    hub.knobs.chunkDelayMs = 0;
    const before = hub.requests.length;
    const retry = sd.getByTestId('model-download');
    expect(await retry.innerText()).toBe('Retry');
    await retry.click();
    await expect.poll(() => stateOf('sd15-inpaint'), { timeout: 30_000 }).toBe('installed');
    // Only what was missing was fetched again, and weights.pb resumed with a Range request.
    const repo = catalogPack('sd15-inpaint').files[0]!.repo;
    expect(resolved(hub, before)).toEqual(
      ['unet/weights.pb', 'vae_encoder/model.onnx', 'vae_decoder/model.onnx'].map((f) => `${repo}/${f}`),
    );
    const resumed = hub.requests.slice(before).find((r) => r.cdn && r.path.endsWith(weights));
    expect(resumed).toMatchObject({ status: 206, range: expect.stringMatching(/^bytes=[1-9]\d*-$/) });
    expect(pageErrors).toEqual([]);
  });

  it('refuses to remove a pack while it downloads, with a message that says why', async () => {
    // Straight to the engine, as a second window or a fast double click would.
    const mobile = card('mobilesam');
    hub.knobs.chunkDelayMs = 100;
    await mobile.getByTestId('model-download').click();
    await expect.poll(() => stateOf('mobilesam')).toBe('downloading');
    const refused = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/ws`);
      await new Promise((r) => ws.addEventListener('open', r, { once: true }));
      const reply = new Promise<{ ok: boolean; error?: { message: string } }>((resolve) =>
        ws.addEventListener('message', (e) => {
          const m = JSON.parse(String(e.data)) as { t: string; id?: number; ok: boolean; error?: { message: string } };
          if (m.t === 'res' && m.id === 4242) resolve(m);
        }),
      );
      ws.send(JSON.stringify({ t: 'req', id: 4242, channel: 'models.remove', payload: { packId: 'mobilesam' } }));
      const r = await reply;
      ws.close();
      return r;
    });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/still downloading.*Cancel the download first/);
    await mobile.getByTestId('model-cancel').click();
    await expect.poll(() => stateOf('mobilesam'), { timeout: 15_000 }).toBe('cancelled');
    expect(pageErrors).toEqual([]);
  });

  it('lists stand-in packs the catalog does not know, with their source, and offers only Verify and Remove', async () => {
    hub.knobs.chunkDelayMs = 0;
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'dist', 'node', 'cli.cjs'), 'standins', '--out', modelsDir, '--only', 'standin-sam1-nchw'],
      { stdio: 'ignore' },
    );
    await page.getByTestId('model-manager-close').click();
    await page.getByTestId('model-manager').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+M');
    const standin = card('standin-sam1-nchw');
    await expect.poll(() => stateOf('standin-sam1-nchw')).toBe('installed');
    expect(await page.getByTestId('models-group-select').locator('[data-pack-id="standin-sam1-nchw"]').count()).toBe(1);
    expect(await standin.getByTestId('model-source').innerText()).toBe('Stand-in (test model)');
    expect(await standin.innerText()).toMatch(/Stand-in/);
    expect(await standin.getByTestId('model-device').innerText()).toMatch(/^Runs on CPU/);
    expect(await standin.getByTestId('model-download').count()).toBe(0);
    await standin.getByTestId('model-verify').click();
    await expect.poll(() => standin.getByTestId('model-note').getAttribute('data-kind')).toBe('ok');
    await standin.scrollIntoViewIfNeeded();
    await shot('model-manager-standin');
    await standin.getByTestId('model-remove').click();
    await standin.getByTestId('model-remove-confirm').click();
    await expect.poll(() => standin.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('marks a pack no published hash vouches for as unverified, with the reason', async () => {
    // A mirror with no listing and no hash headers: only the structural check (ONNX with the pack's
    // inputs and outputs) lets the stand-in models in, and the card says so.
    const [listing, isLfs] = [hub.knobs.listing, hub.knobs.isLfs];
    Object.assign(hub.knobs, { listing: 'missing', isLfs: () => false, chunkDelayMs: 0, redirectLfs: false });
    const mobile = card('mobilesam');
    expect(await mobile.getByTestId('model-unverified').count()).toBe(0);
    await mobile.getByTestId('model-download').click();
    await expect.poll(() => stateOf('mobilesam'), { timeout: 30_000 }).toBe('installed');
    const badge = mobile.getByTestId('model-unverified');
    await expect.poll(() => badge.innerText()).toBe('unverified');
    expect(await badge.getAttribute('title')).toMatch(
      /^No sha256 is published for mobile_sam_image_encoder\.onnx, sam_mask_decoder_multi\.onnx .*only a structural check vouched for them\.$/,
    );
    expect(await mobile.getByTestId('model-evidence-note').innerText()).toMatch(/^Unverified: No sha256 is published for/);
    await mobile.scrollIntoViewIfNeeded();
    await shot('model-manager-unverified');
    Object.assign(hub.knobs, { listing, isLfs, redirectLfs: true });
    expect(pageErrors).toEqual([]);
  });
});
