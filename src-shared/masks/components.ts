// Runs in: every process (pure). Connected regions of a mask: remove small islands, fill holes.
// Run-length labelling with union-find: one pass collects horizontal runs and joins runs that touch
// runs of the row above, so memory follows the number of runs (not pixels) and nothing recurses.
// Selected regions use 8-connectivity and background regions 4-connectivity, the dual pair: a wall that
// is only diagonally connected still seals a hole, and diagonal pixels belong to one island.
import { rewriteFringe } from './fringe';
import { type Mask, SELECTED, cloneMask } from './mask';

interface Runs {
  start: Int32Array; // first x of run k
  end: Int32Array; // one past the last x of run k
  rowFirst: Int32Array; // runs of row y are rowFirst[y] .. rowFirst[y + 1] - 1
  parent: Int32Array; // union-find forest over runs
  count: number;
}

function enlarge(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function find(parent: Int32Array, k: number): number {
  while (parent[k] !== k) {
    const up = parent[parent[k]!]!; // path halving
    parent[k] = up;
    k = up;
  }
  return k;
}

/** Runs of pixels whose "selected" state equals `selected`, joined with 8- or 4-connectivity. */
function labelRuns(mask: Mask, selected: boolean, diagonal: boolean): Runs {
  const { width: w, height: h, data } = mask;
  let start: Int32Array = new Int32Array(1024),
    end: Int32Array = new Int32Array(1024);
  let parent: Int32Array = new Int32Array(1024);
  const rowFirst = new Int32Array(h + 1);
  const reach = diagonal ? 1 : 0; // how far a run reaches sideways into the next row
  // (v ^ flip) >= t tests membership without booleans: v ^ 255 = 255 − v. t is local because imported
  // bindings are property getters under some module loaders, far too slow per pixel.
  const flip = selected ? 0 : 255,
    t = SELECTED;
  let n = 0;
  let prev = 0; // first run of the previous row
  for (let y = 0; y < h; y++) {
    rowFirst[y] = n;
    const row = y * w;
    let j = prev; // runs above, scanned left to right once per row
    const prevEnd = n;
    let x = 0;
    while (x < w) {
      while (x < w && (data[row + x]! ^ flip) < t) x++;
      if (x === w) break;
      const s = x;
      while (x < w && (data[row + x]! ^ flip) >= t) x++;
      if (n === start.length) {
        start = enlarge(start, n + 1);
        end = enlarge(end, n + 1);
        parent = enlarge(parent, n + 1);
      }
      start[n] = s;
      end[n] = x;
      parent[n] = n;
      while (j < prevEnd && end[j]! + reach <= s) j++; // runs above that end before this one
      for (let k = j; k < prevEnd && start[k]! < x + reach; k++) {
        const a = find(parent, k),
          b = find(parent, n);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
      n++;
    }
    prev = rowFirst[y]!;
  }
  rowFirst[h] = n;
  return { start, end, rowFirst, parent, count: n };
}

/**
 * Rewrites every component (of `selected` pixels) that `pick` chooses to `value`.
 * pick(area, touchesBorder) sees each component once through its root.
 */
function rewrite(
  mask: Mask,
  selected: boolean,
  diagonal: boolean,
  value: number,
  pick: (area: number, touchesBorder: boolean) => boolean,
  fringe: { lo: number; hi: number; orphans: boolean },
): Mask {
  const { width: w, height: h } = mask;
  const runs = labelRuns(mask, selected, diagonal);
  const { start, end, rowFirst, parent, count } = runs;
  const size = new Float64Array(count);
  const border = new Uint8Array(count);
  for (let y = 0; y < h; y++) {
    for (let k = rowFirst[y]!; k < rowFirst[y + 1]!; k++) {
      const r = find(parent, k);
      size[r]! += end[k]! - start[k]!;
      if (y === 0 || y === h - 1 || start[k] === 0 || end[k] === w) border[r] = 1;
    }
  }
  const chosen = new Uint8Array(count);
  for (let k = 0; k < count; k++) if (parent[k] === k) chosen[k] = pick(size[k]!, border[k] === 1) ? 1 : 0;
  const out = cloneMask(mask);
  for (let y = 0; y < h; y++) {
    for (let k = rowFirst[y]!; k < rowFirst[y + 1]!; k++) {
      if (chosen[find(parent, k)]) out.data.fill(value, y * w + start[k]!, y * w + end[k]!);
    }
  }
  const members = () => {
    const m = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let k = rowFirst[y]!; k < rowFirst[y + 1]!; k++) m.fill(chosen[find(parent, k)] ? 2 : 1, y * w + start[k]!, y * w + end[k]!);
    return m;
  };
  rewriteFringe(mask, members, fringe.lo, fringe.hi, value, fringe.orphans, out);
  return out;
}

/**
 * Drops selected regions (8-connected) with fewer than minArea pixels. Connectivity and area use the
 * 128 level; a dropped island's soft fringe (< 128) goes with it to exactly 0 (fringe.ts), and so does
 * a faint blob with no pixel at 128 or more (an island of area 0).
 */
export function removeIslands(mask: Mask, minArea: number): Mask {
  return rewrite(mask, true, true, 0, (size) => size < minArea, { lo: 1, hi: SELECTED - 1, orphans: true });
}

/**
 * Fills background regions (4-connected) that do not touch the image border: all of them by default,
 * or only those with fewer than `under` pixels ("fill holes under N px"). A filled hole's soft rim
 * (128..254) becomes exactly 255 with it (fringe.ts). The border-touching regions
 * are exactly what a 4-connected flood from the border reaches; labelling finds them without a queue.
 */
export function fillHoles(mask: Mask, under = Infinity): Mask {
  return rewrite(mask, false, false, 255, (size, touchesBorder) => !touchesBorder && size < under, {
    lo: SELECTED,
    hi: 254,
    orphans: false,
  });
}
