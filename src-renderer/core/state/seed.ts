// Runs in: renderer (pure apart from the random draw). Seeds as every generating panel takes them:
// empty = a fresh random seed per run (a new variant each time), a number = that result again, exactly.
export const MAX_SEED = 0xffffffff;

/** What the user typed → a seed, or null for "random". */
export function parseSeed(text: string): number | null {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_SEED) : null;
}

/** The seed a run uses: the fixed one, or a fresh 32-bit one. */
export function seedForRun(seed: number | null): number {
  if (seed !== null) return seed;
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}
