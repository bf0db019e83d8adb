// Runs in: benchmark (node). PatchMatch beside OpenCV's inpainting (Telea and Navier-Stokes, radius 3) on
// 2-megapixel photos (../shared/images scaled to 2 MP) with object-sized holes: time of the fill call and RMS
// error against the hidden original, side by side. OpenCV is a benchmark peer only (Debian's
// python3-opencv, run as a python3 one-liner); without it the peer columns are skipped with the reason.
// `npx tsx test/bench/fill-opencv.ts` alone, or as the second part of test/bench/fill.ts.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runFill } from '../../src-main/engine/fill/fill-client';
import { pastePatch } from '../../src-main/engine/images/paste-patch';
import { blobMask } from '../helpers/fill-metrics';
import { SHARED_IMAGES } from '../helpers/images';

/** Photo, hole centre (fractions of the image) and hole area (fraction): objects on varied backgrounds. */
export const CASES: Array<[string, number, number, number]> = [
  ['picture3.jpg', 0.29, 0.8, 0.05],
  ['picture3.jpg', 0.62, 0.72, 0.02],
  ['street.jpg', 0.5, 0.78, 0.03],
  ['truck.jpg', 0.2, 0.85, 0.03],
  ['dogs.jpg', 0.5, 0.6, 0.04],
  ['groceries.jpg', 0.3, 0.5, 0.02],
];

// Reads image.rgb/mask.u8 (raw) and prints the inpaint call's ms; the result goes to out-<flag>.rgb.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const PY = `import sys,time,numpy as n,cv2;d,W,H,f=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),sys.argv[4];i=n.fromfile(d+'/image.rgb',n.uint8).reshape(H,W,3);m=n.fromfile(d+'/mask.u8',n.uint8).reshape(H,W);t=time.perf_counter();o=cv2.inpaint(i,m,3,cv2.INPAINT_TELEA if f=='telea' else cv2.INPAINT_NS);print(round((time.perf_counter()-t)*1000));o.tofile(d+'/out-'+f+'.rgb')`;

/** A python3 that imports cv2 (PATH's first, then Debian's), or why there is none. */
function findPython(): { exe: string } | { skip: string } {
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import cv2;print(cv2.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { exe };
  }
  return { skip: "no python3 with cv2 (install Debian's python3-opencv to compare; a benchmark peer only)" };
}

const rms = (a: Uint8Array, b: Uint8Array, mask: Uint8Array) => {
  let se = 0,
    n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i])
      for (let c = 0; c < 3; c++) {
        se += (a[i * 3 + c]! - b[i * 3 + c]!) ** 2;
        n++;
      }
  return Math.sqrt(se / n);
};

export async function compareWithOpenCv(): Promise<void> {
  const py = findPython();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-cv-'));
  console.log(
    `\nPatchMatch vs OpenCV inpainting, 2 MP photos, object-sized holes (fastest of ${RUNS} runs, ms of the fill call: OpenCV's cv2.inpaint, PatchMatch's fill inside its worker, with the wall time of runFill and the worker's start in brackets; RMS vs the hidden original)${'skip' in py ? `: OpenCV skipped, ${py.skip}` : ''}\n`,
  );
  console.log('| photo | hole | PatchMatch ms | RMS | OpenCV Telea ms | RMS | OpenCV NS ms | RMS | PM / faster OpenCV |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  try {
    for (const [file, fx, fy, frac] of CASES) {
      const meta = await sharp(path.join(SHARED_IMAGES, file)).metadata();
      const s = Math.sqrt(2e6 / (meta.width! * meta.height!)),
        W = Math.round(meta.width! * s),
        H = Math.round(meta.height! * s);
      const data = new Uint8Array(await sharp(path.join(SHARED_IMAGES, file)).resize(W, H, { fit: 'fill' }).removeAlpha().raw().toBuffer());
      const mask = blobMask(W, H, Math.round(W * fx), Math.round(H * fy), Math.sqrt((frac * W * H) / Math.PI / 1.014));
      const image = { data, width: W, height: H, channels: 3 as const };
      // Each figure is the fastest of RUNS (this machine is shared; the fastest run is the least disturbed).
      let pmMs = Infinity,
        pmWall = Infinity,
        pmErr = 0;
      for (let k = 0; k < RUNS; k++) {
        const t0 = performance.now();
        const pm = await runFill({ image, mask, method: 'patchmatch', seed: 1 });
        pmWall = Math.min(pmWall, performance.now() - t0);
        pmMs = Math.min(pmMs, pm.ms);
        pmErr = rms(pastePatch(image, pm), data, mask);
      }
      const cv: Record<string, { ms: number; err: number } | undefined> = {};
      if ('exe' in py) {
        await writeFile(path.join(dir, 'image.rgb'), data);
        await writeFile(path.join(dir, 'mask.u8'), mask);
        for (const flag of ['telea', 'ns']) {
          let ms = Infinity;
          for (let k = 0; k < RUNS; k++) {
            const r = spawnSync(py.exe, ['-c', PY, dir, String(W), String(H), flag], { encoding: 'utf8' });
            if (r.status !== 0) throw new Error(`OpenCV ${flag} failed: ${r.stderr}`);
            ms = Math.min(ms, Number(r.stdout.trim()));
          }
          cv[flag] = { ms, err: rms(new Uint8Array(await readFile(path.join(dir, `out-${flag}.rgb`))), data, mask) };
        }
      }
      const cell = (v?: { ms: number; err: number }) => (v ? `${v.ms} | ${v.err.toFixed(1)}` : '— | —');
      const faster = cv.telea && cv.ns ? Math.min(cv.telea.ms, cv.ns.ms) : undefined;
      console.log(
        `| ${file} ${W}×${H} | ${(frac * 100).toFixed(0)} % at ${fx},${fy} | ${pmMs} (${Math.round(pmWall)}) | ${pmErr.toFixed(1)} | ${cell(cv.telea)} | ${cell(cv.ns)} | ${faster ? (pmMs / faster).toFixed(2) : '—'} |`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void compareWithOpenCv();
