// Runs in: engine process. Progress at a readable rate (≤ 10 events a second, always the last unit)
// with time left from the measured pace of the work itself (eta.ts).
import { EtaEstimator } from './eta';

const MIN_GAP_MS = 100;

export class ProgressThrottle {
  private lastSent = -Infinity;
  private readonly eta = new EtaEstimator();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The pace this machine measured for such work before (ms per unit): time left before its own is measured. */
  expectPace(msPerUnit: number): void {
    this.eta.expectPace(msPerUnit);
  }

  /** The figures to send for this report, or null to skip it. */
  accept(done: number, total: number): { etaMs?: number } | null {
    const t = this.now();
    if (done < total && t - this.lastSent < MIN_GAP_MS) return null;
    this.lastSent = t;
    const etaMs = this.eta.estimate(t, done, total);
    return etaMs === undefined ? {} : { etaMs };
  }
}
