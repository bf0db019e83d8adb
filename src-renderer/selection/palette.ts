// Runs in: renderer (pure). Selection colours: distinct, readable over photos at ~45 % opacity.
import type { Layer } from '../../src-shared/document/types';

export const SELECTION_PALETTE = ['#ff4d6d', '#3ddc97', '#4da3ff', '#ffb23d', '#b36bff', '#2ee6e6', '#ff7ae0', '#c6f432'] as const;

/** The first palette colour no selection uses yet; when all are taken, cycle by count. */
export function nextSelectionColour(layers: readonly Layer[]): string {
  const used = new Set(layers.filter((l) => l.kind === 'selection').map((l) => (l.kind === 'selection' ? l.colour : '')));
  const free = SELECTION_PALETTE.find((c) => !used.has(c));
  if (free) return free;
  const count = layers.filter((l) => l.kind === 'selection').length;
  return SELECTION_PALETTE[count % SELECTION_PALETTE.length]!;
}

/** "Selection 3": one more than the highest number in use. */
export function nextSelectionName(layers: readonly Layer[]): string {
  let max = 0;
  for (const l of layers) {
    const m = l.kind === 'selection' ? /^Selection (\d+)$/.exec(l.name) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `Selection ${max + 1}`;
}

/** "#rrggbb" → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
