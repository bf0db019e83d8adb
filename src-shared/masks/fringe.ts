// Runs in: every process (pure). The soft fringe of a component that removeIslands / fillHoles rewrite.
// Components are found at the 128 level, but a soft (feathered, SAM-upscaled) mask has a ramp around
// each: an island's 1..127 halo, a hole's 128..254 rim. Left alone, a removed island stays as a faint
// ring (values 1–10) and a filled hole keeps a 245–249 ring (issue 16 #10), which also makes cut-outs
// far larger than the object. So each fringe pixel goes with the component nearest to it (geodesically,
// through the fringe): rewritten when that component was, kept when it was kept. Ties keep.
import type { Mask } from './mask';

/** member[i]: 0 = not in any labelled component, 1 = in a kept one, 2 = in a rewritten one. */
export type Membership = Uint8Array;

/**
 * Writes `value` into out wherever a fringe pixel (lo ≤ v ≤ hi, not a member) is nearer to a rewritten
 * component than to a kept one. Fringe no component reaches is rewritten when `orphans` says so.
 */
export function rewriteFringe(
  mask: Mask,
  members: () => Membership,
  lo: number,
  hi: number,
  value: number,
  orphans: boolean,
  out: Mask,
): void {
  const { width: w, height: h, data } = mask;
  if (!data.some((v) => v >= lo && v <= hi)) return; // a hard mask has no fringe
  const n = w * h;
  const member = members();
  const claim = new Uint8Array(n); // 1 kept, 2 rewritten, for fringe pixels reached so far
  const isFringe = (j: number) => member[j] === 0 && data[j]! >= lo && data[j]! <= hi;
  // Layer by layer from the components; within a layer the kept claims spread first, so ties keep.
  let kept: number[] = [],
    taken: number[] = [];
  const fringe: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!isFringe(i)) continue;
    fringe.push(i);
    const x = i % w;
    const near = Math.max(
      x > 0 ? member[i - 1]! : 0,
      x < w - 1 ? member[i + 1]! : 0,
      i >= w ? member[i - w]! : 0,
      i + w < n ? member[i + w]! : 0,
    );
    const nearKept =
      (x > 0 && member[i - 1] === 1) ||
      (x < w - 1 && member[i + 1] === 1) ||
      (i >= w && member[i - w] === 1) ||
      (i + w < n && member[i + w] === 1);
    if (near === 0) continue;
    claim[i] = nearKept ? 1 : 2;
    (nearKept ? kept : taken).push(i);
  }
  while (kept.length > 0 || taken.length > 0) {
    const nextKept: number[] = [],
      nextTaken: number[] = [];
    for (const [who, list, next] of [
      [1, kept, nextKept],
      [2, taken, nextTaken],
    ] as const)
      for (const i of list) {
        const x = i % w;
        for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
          if (j < 0 || j >= n || claim[j] || !isFringe(j)) continue;
          claim[j] = who;
          next.push(j);
        }
      }
    [kept, taken] = [nextKept, nextTaken];
  }
  for (const i of fringe) if (claim[i] === 2 || (claim[i] === 0 && orphans)) out.data[i] = value;
}
