// Runs in: benchmark (node → Chromium). `npm run bench`: open a 24-megapixel JPEG through the real UI and
// engine. Prints a table and writes bench-results/open-24mp.json. Not a test: it asserts nothing.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { launchChromium, repoRoot, sharedImages, startServe } from '../helpers/browser-host-process';
import { connectClient } from '../helpers/engine-client';
import { peakRssOfTree, peakRss } from './proc-memory';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function makeBigJpeg(dir: string): Promise<string> {
  const file = path.join(dir, 'street-24mp.jpg');
  await sharp(path.join(sharedImages, 'street.jpg')).resize(6000, 4000, { fit: 'fill' }).jpeg({ quality: 92 }).toFile(file);
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-'));
  const big = await makeBigJpeg(tmp);
  const serve = await startServe();
  const browser = await launchChromium();
  const shown: number[] = [];
  const decoded: number[] = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await page.goto(`${serve.url}?test=1`);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    const client = await connectClient(serve.url);
    let previousLayer: string | null = null;
    for (let run = 0; run < RUNS; run++) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('open-button').click();
      const t0 = Date.now();
      await (await chooser).setFiles(big);
      // "On screen": a new document whose layer's proxy is loaded and drawn on the image layer's canvas.
      await page.waitForFunction(
        (prev) => {
          const t = (
            window as never as AnyfillTestWindow<{ document: { layers: Array<{ id: string }> } | null; renderedLayerIds: string[] }>
          ).__anyfillTest;
          const s = t.getState();
          const id = s.document?.layers[0]?.id;
          if (!id || id === prev || !s.renderedLayerIds.includes(id)) return false;
          const c = t.imageLayerCanvas();
          const px = c?.getContext('2d')?.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
          return (px?.[3] ?? 0) > 0;
        },
        previousLayer,
        { polling: 'raf', timeout: 60_000 },
      );
      shown.push(Date.now() - t0);
      const doc = await page.evaluate(
        () =>
          (window as never as AnyfillTestWindow<{ document: { layers: Array<{ assetId: string }> } }>).__anyfillTest.getState().document,
      );
      const d = await client.invoke('image.decoded', { assetId: doc.layers.at(-1)!.assetId as never });
      previousLayer = (doc.layers[0] as unknown as { id: string }).id;
      decoded.push(d.decodeMs);
    }
    const info = await client.invoke('app.info', {});
    client.close();
    const result = {
      machine: `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.platform}`,
      image: '6000×4000 JPEG (street.jpg scaled), q92',
      runs: RUNS,
      firstProxyOnScreenMs: { median: median(shown), all: shown },
      fullDecodeMs: { median: median(decoded), all: decoded },
      peakRssMiB: {
        engine: Math.round(info.engine.peakRssBytes / 2 ** 20),
        browserHost: mib(await peakRss(serve.child.pid!)),
        chromiumRenderer: mib(await peakRssOfTree('renderer')),
      },
    };
    printTable(result);
    await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
    await writeFile(path.join(repoRoot, 'bench-results', 'open-24mp.json'), JSON.stringify(result, null, 2));
    await readFile(big); // keep the file alive until here
  } finally {
    await browser.close();
    await serve.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

const mib = (bytes: number | null) => (bytes === null ? null : Math.round(bytes / 2 ** 20));

function printTable(r: {
  machine: string;
  firstProxyOnScreenMs: { median: number };
  fullDecodeMs: { median: number };
  peakRssMiB: Record<string, number | null>;
}): void {
  console.log(`Open a 24 MP JPEG — ${r.machine}, median of ${RUNS}`);
  console.log('| figure | value |\n| --- | --- |');
  console.log(`| file chosen → proxy on screen | ${r.firstProxyOnScreenMs.median} ms |`);
  console.log(`| full-resolution decode (engine) | ${r.fullDecodeMs.median} ms |`);
  for (const [k, v] of Object.entries(r.peakRssMiB)) console.log(`| peak RSS, ${k} | ${v ?? 'n/a'} MiB |`);
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
