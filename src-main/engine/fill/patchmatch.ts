// Runs in: engine process and the fill worker thread (pure). Multi-scale PatchMatch completion (Barnes et
// al. 2009 search inside Wexler et al. 2007's coarse-to-fine EM) over colours plus a texture channel
// (texture.ts): the coarsest level starts from an onion-peel fill and a random field, both also trying the
// crop's dominant patch offsets (offsets.ts); each level alternates PatchMatch sweeps with a vote, then
// hands its field (offsets × 2) and image on. Searched levels weigh a source's distance (Field.near), so a
// far-away look-alike must be clearly better than what lies around the hole.
// Cost: the structure is decided at the coarse levels, searched in full down to the first whose hole fits
// SEARCH_CAP; finer levels refine the upsampled field locally with a sparse vote, and full resolution only
// copies each hole pixel from where its parent's source points (fine-copy.ts): real full-resolution
// texture for one read per pixel. (A 5 % hole on a 2 MP photo: 8.3 s before, about 0.5 s of CPU after.)
import { cancelled } from './region';
import { teleaInpaint } from './telea';
import { downsample, upsampleInto, type Level } from './pyramid';
import { Field, R } from './nnf';
import { makeRng } from './rng';
import { onionPeel } from './onion';
import { dominantOffsets } from './offsets';
import { confidence, vote } from './vote';
import { colourBack, withTexture } from './texture';
import { copyFromCoarse } from './fine-copy';
import type { FillOptions, Plane } from './types';
import { WeightedSteps } from '../jobs/weighted-steps';

const SEARCH_CAP = 3000; // hole pixels at the finest level searched in full
const COARSE_EXTENT = 4 * R + 2; // stop halving once the hole is about two patches across
const MIN_SIDE = 40; // … or once the crop's shorter side would drop below this
const SHIFTS = 16; // dominant offsets found at the coarsest level (offsets.ts)
const NEAR_RMS = 4; // a source one hole-extent away must beat a nearby one by this RMS colour error

/** em: vote rounds; sweeps: PatchMatch sweeps before each vote; radius: random-search window (0: none). */
interface Plan {
  em: number;
  sweeps: number;
  radius: number;
}

/** Fills the plane's hole pixels (hole[i] = 1) in place. */
export function patchMatchFill(plane: Plane, hole: Uint8Array, seed: number, opts: FillOptions = {}): void {
  const stop = opts.shouldStop;
  const features = withTexture(plane, hole);
  const levels: Level[] = [{ plane: features, hole }];
  for (;;) {
    const cur = levels[levels.length - 1]!;
    // Halve while the hole stays over two patches across and the level keeps enough context around it.
    if (extent(cur) < 2 * COARSE_EXTENT || Math.min(cur.plane.width, cur.plane.height) < 2 * MIN_SIDE) break;
    levels.push(downsample(cur));
  }
  // The finest level searched in full (structure is decided there); finer ones only carry its field up.
  let work = 0;
  while (work < levels.length - 1 && count(levels[work]!.hole) > SEARCH_CAP) work++;
  const plans = levels.map((lv, l): Plan => {
    const radius = Math.max(lv.plane.width, lv.plane.height);
    if (l === levels.length - 1) return { em: 4, sweeps: 2, radius };
    if (l >= work) return { em: 3, sweeps: 2, radius };
    // Refinement: one local sweep and a sparse vote; full resolution only copies (fine-copy.ts).
    return l === 0 ? { em: 0, sweeps: 0, radius: 0 } : { em: 1, sweeps: 1, radius: 2 };
  });
  // Progress weighs a step by its level's hole pixels (4× per finer level), coarsest level first.
  const n = levels.length;
  const progress = new WeightedSteps(
    plans.map((p, l) => ({ steps: p.em * (p.sweeps + 1) + 1, costPerStep: count(levels[l]!.hole) })).reverse(),
  );
  const step = (phase: string, l: number) => {
    if (stop?.()) throw cancelled();
    opts.onProgress?.({ ...progress.step(n - 1 - l), phase });
  };

  const rng = makeRng(seed);
  let prev: Field | undefined;
  for (let l = n - 1; l >= 0; l--) {
    const lv = levels[l]!,
      plan = plans[l]!;
    const phase = `PatchMatch, level ${n - l} of ${n}`;
    if (l === 0 && prev) {
      copyFromCoarse(plane, hole, prev);
      step(phase, l);
      return;
    }
    const f = new Field(lv);
    if (f.sources.length === 0 || f.targets.length === 0) {
      // No fully known patch (tiny or almost fully masked crop): a diffusion fill is all we can do.
      teleaInpaint(plane, hole, 5, stop);
      return;
    }
    // Searched levels prefer nearby sources (penalty per squared pixel: NEAR_RMS² per channel and patch pixel at one extent).
    if (l >= work) f.near = (NEAR_RMS ** 2 * (2 * R + 1) ** 2 * lv.plane.channels) / Math.max(1, extent(lv)) ** 2;
    const conf = confidence(lv.hole, f.w, f.h);
    if (!prev) {
      f.shifts = dominantOffsets(f, rng, SHIFTS);
      onionPeel(f, rng);
      f.randomInit(rng);
    } else {
      // Fully searched levels keep trying the dominant offsets (twice as long one level finer).
      if (l >= work) f.shifts = prev.shifts.map((v) => 2 * v);
      upsampleInto(lv, prev.level.plane);
      f.upsampleFrom(prev, rng);
      // Searching needs distances to an estimate voted from the new field (not the blocky upsample).
      if (plan.sweeps > 0) {
        vote(f, conf, 0, l < work ? 2 : 1);
        f.rescore();
      }
    }
    step(phase, l);
    for (let e = 0; e < plan.em; e++) {
      for (let s = 0; s < plan.sweeps; s++) {
        f.sweep(s % 2 === 0, rng, plan.radius, stop);
        step(phase, l);
      }
      vote(f, conf, l === 0 && e === plan.em - 1 ? 1 : 0, l < work ? 2 : 1); // sharpen: one level only
      if (e < plan.em - 1) f.rescore();
      step(phase, l);
    }
    prev = f;
    levels.length = l; // coarser levels are done; prev keeps this one alive for the next upsampling
  }
  colourBack(features, plane, hole); // a crop too small to halve: its one level holds the colours
}

function count(hole: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < hole.length; i++) n += hole[i]!;
  return n;
}

/** The larger side of the hole's bounding box. */
function extent(lv: Level): number {
  const { width: w, height: h } = lv.plane;
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!lv.hole[y * w + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? 0 : Math.max(x1 - x0 + 1, y1 - y0 + 1);
}
