// Runs in: engine process. Progress at a readable rate (≤ 10 events a second, always the last unit)
// with an ETA from the average pace so far — steady for the equal-cost steps fills and diffusion have.
const MIN_GAP_MS = 100;

export class ProgressThrottle {
  private readonly started: number;
  private lastSent = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  /** The figures to send for this report, or null to skip it. */
  accept(done: number, total: number): { etaMs?: number } | null {
    const t = this.now();
    if (done < total && t - this.lastSent < MIN_GAP_MS) return null;
    this.lastSent = t;
    const elapsed = t - this.started;
    if (done <= 0 || elapsed <= 0) return {};
    return { etaMs: Math.max(0, Math.round((elapsed * (total - done)) / done)) };
  }
}
