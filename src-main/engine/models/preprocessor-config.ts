// Runs in: engine process (and the CLI). A pack's preprocessor_config.json (transformers' image processor
// config): input size and normalisation, with the upstream Grounding DINO values for anything missing or
// odd. Read here, with the pack's files, so the load check (warm-up-hints.ts) and detect/ share one reader.
import { readFile } from 'node:fs/promises';

export interface Normalisation {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** Multiplies the 0..255 value before mean/std (1/255). */
  rescale: number;
}

export const IMAGENET: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], rescale: 1 / 255 };

export interface Preprocessor {
  /** size {height, width}: stretched to exactly this (a traced export accepts only it); absent: the edge rule. */
  fixed?: { width: number; height: number };
  shortestEdge: number;
  longestEdge: number;
  norm: Normalisation;
}

/** The upstream rule (IDEA RandomResize([800], max_size=1333); HF size {shortest_edge 800, longest_edge 1333}). */
export const UPSTREAM: Preprocessor = { shortestEdge: 800, longestEdge: 1333, norm: IMAGENET };

/** preprocessor_config.json's size, mean and std; the upstream values for anything missing or odd. */
export async function readPreprocessor(file: string | null): Promise<Preprocessor> {
  if (!file) return UPSTREAM;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return UPSTREAM;
  }
  const size = (json.size ?? {}) as Record<string, unknown>;
  const edge = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 32 && v <= 4096 ? v : fallback);
  const triple = (v: unknown, fallback: Normalisation['mean']) =>
    Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? (v as unknown as Normalisation['mean'])
      : fallback;
  const normalise = json.do_normalize !== false;
  const rescale =
    json.do_rescale === false ? 1 : typeof json.rescale_factor === 'number' && json.rescale_factor > 0 ? json.rescale_factor : 1 / 255;
  const shortestEdge = edge(size.shortest_edge, UPSTREAM.shortestEdge);
  const [height, width] = [edge(size.height, 0), edge(size.width, 0)];
  return {
    ...(height && width ? { fixed: { width, height } } : {}),
    shortestEdge,
    longestEdge: Math.max(shortestEdge, edge(size.longest_edge ?? json.max_size, UPSTREAM.longestEdge)),
    norm: {
      mean: normalise ? triple(json.image_mean, IMAGENET.mean) : [0, 0, 0],
      std: normalise ? triple(json.image_std, IMAGENET.std) : [1, 1, 1],
      rescale,
    },
  };
}
