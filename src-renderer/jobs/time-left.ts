// Runs in: renderer (pure). The jobs bar's time-left words. "almost done" only in the job's last part
// (the engine says which): a short estimate earlier means the pace was misjudged, not that the work ends.
export function timeLeft(ms: number | undefined, lastPart = false): string {
  if (ms === undefined) return '';
  if (ms < 1500 && lastPart) return 'almost done';
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`;
}
