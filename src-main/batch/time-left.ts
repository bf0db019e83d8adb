// Runs in: CLI (pure). Time left in `anyfill run` (issue 17): the images this run has processed took so
// long on average (skipped ones, finished before, cost nothing and are not counted), the rest will take as
// long each, less what the current one has already run. With SD every image is a full generation at the
// same processing size, so the per-image time is steady after the first (which also loads the models).
export interface BatchPace {
  firstStart: number;
  lastEnd: number;
  processed: number;
}

/** ms left when `remaining` images (the current one included) are still to do, at time `now`. */
export function batchTimeLeft(pace: BatchPace | undefined, remaining: number, now: number): number | undefined {
  if (!pace || pace.processed === 0 || remaining <= 0) return undefined;
  const perImage = (pace.lastEnd - pace.firstStart) / pace.processed;
  return Math.max(0, perImage * remaining - (now - pace.lastEnd));
}

/** "about 40 s left", "about 12 min left". */
export function leftWords(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`;
}
