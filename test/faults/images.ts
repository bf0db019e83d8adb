// Runs in: tests (node). Malformed images, generated here: every format truncated at five points, random
// bytes behind each format's magic number, headers that lie about their size (over the cap, decompression
// bombs under it, 1 × N strips), a bad CRC. Each is uploaded and opened through the browser host; the case
// is clear when the answer is a clear error (or the image opens, where it is a real image), and the photo
// opened before the corpus must still answer afterwards (nothing lost).
import sharp from 'sharp';
import { jpegClaiming, pngClaiming } from '../helpers/bad-images';
import type { FaultHost } from './host';
import { isClearError, type Tally } from './tally';

async function formats(): Promise<Array<[string, Buffer]>> {
  const noise = sharp({
    create: { width: 320, height: 240, channels: 3, background: '#777', noise: { type: 'gaussian' as const, mean: 120, sigma: 50 } },
  });
  const raw = await noise.png().toBuffer();
  const from = () => sharp(raw);
  return [
    ['photo.jpg', await from().jpeg().toBuffer()],
    ['photo.png', raw],
    ['photo.webp', await from().webp().toBuffer()],
    ['photo.tif', await from().tiff().toBuffer()],
    ['photo.gif', await from().gif().toBuffer()],
  ];
}

export async function imageCorpus(): Promise<Array<{ name: string; bytes: Buffer; opens: boolean | 'either' }>> {
  const cases: Array<{ name: string; bytes: Buffer; opens: boolean | 'either' }> = [];
  const all = await formats();
  for (const [name, bytes] of all) {
    cases.push({ name, bytes, opens: true });
    // Lenient decoders (GIF, TIFF strips) may show what arrived; either that or a clear refusal is right.
    for (const f of [0.1, 0.3, 0.5, 0.7, 0.9])
      cases.push({ name: `${name} cut at ${f * 100}%`, bytes: bytes.subarray(0, Math.floor(bytes.length * f)), opens: 'either' });
  }
  const magic: Record<string, number[]> = {
    jpg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
    tif: [0x49, 0x49, 0x2a, 0x00],
    webp: [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
    bmp: [0x42, 0x4d],
  };
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed & 0xff);
  for (const [ext, head] of Object.entries(magic))
    cases.push({
      name: `random bytes behind a ${ext} magic number`,
      bytes: Buffer.from([...head, ...Array.from({ length: 3000 }, rnd)]),
      opens: false,
    });
  const jpeg = all[0]![1];
  cases.push({ name: 'JPEG claiming 15000 × 15000 (3 KB bomb)', bytes: jpegClaiming(jpeg, 15000, 15000), opens: false });
  cases.push({ name: 'JPEG claiming 65000 × 65000 (over the cap)', bytes: jpegClaiming(jpeg, 65000, 65000), opens: false });
  cases.push({ name: 'PNG claiming 100000 × 100000', bytes: pngClaiming(100_000, 100_000), opens: false });
  cases.push({ name: 'PNG claiming 12000 × 12000 (bomb)', bytes: pngClaiming(12_000, 12_000), opens: false });
  cases.push({ name: 'PNG claiming 0 × 0', bytes: pngClaiming(0, 0), opens: false });
  cases.push({
    name: 'PNG 1 × 5000',
    bytes: await sharp({ create: { width: 1, height: 5000, channels: 3, background: '#c33' } })
      .png()
      .toBuffer(),
    opens: true,
  });
  cases.push({
    name: 'PNG 5000 × 1',
    bytes: await sharp({ create: { width: 5000, height: 1, channels: 3, background: '#33c' } })
      .png()
      .toBuffer(),
    opens: true,
  });
  cases.push({
    name: 'JPEG 1 × 3000',
    bytes: await sharp({ create: { width: 1, height: 3000, channels: 3, background: '#3c3' } })
      .jpeg()
      .toBuffer(),
    opens: true,
  });
  const badCrc = Buffer.from(all[1]![1]);
  badCrc[29] = badCrc[29]! ^ 0xff; // inside IHDR's CRC
  cases.push({ name: 'PNG with a broken IHDR checksum', bytes: badCrc, opens: false });
  cases.push({
    name: 'SVG named .png',
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
    opens: false,
  });
  cases.push({ name: 'empty file', bytes: Buffer.alloc(0), opens: false });
  return cases;
}

export async function runImages(host: FaultHost, tally: Tally): Promise<void> {
  const keeper = await host.upload(
    'keeper.png',
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#246' } })
      .png()
      .toBuffer(),
  );
  const kept = await host.client.invoke('image.open', { fileId: keeper.id, name: 'keeper.png', maxProxySide: 256 });
  for (const c of await imageCorpus()) {
    let answer: unknown;
    try {
      const staged = await host.upload(c.name.replace(/[^\w.]+/g, '_'), c.bytes);
      answer = await host.client.invoke('image.open', { fileId: staged.id, name: staged.name, maxProxySide: 256 }).then(
        () => 'opened',
        (e: unknown) => e,
      );
    } catch (err) {
      answer = err; // the upload itself refused it (e.g. an empty body)
    }
    if (!(await host.alive())) {
      tally.add('images', c.name, 'crash', 'the engine or host stopped answering');
      continue;
    }
    const still = await host.client.invoke('image.proxy', { assetId: kept.asset.id, maxSide: 128 }).then(
      () => true,
      () => false,
    );
    if (!still) tally.add('images', c.name, 'lost', 'the photo opened earlier no longer answers');
    else if (answer === 'opened')
      tally.add('images', c.name, c.opens ? 'clear' : 'unclear', c.opens ? '' : 'opened though it is not a whole image');
    else tally.add('images', c.name, isClearError(answer) && c.opens !== true ? 'clear' : 'unclear', JSON.stringify(answer).slice(0, 200));
  }
}
