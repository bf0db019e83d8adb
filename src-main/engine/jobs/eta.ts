// Runs in: engine process (pure). Time left from the measured pace (issue 16 #8). Producers report work
// in units weighted by cost (PatchMatch: hole pixels per step, so a fine level's step weighs 4× the
// coarser one's), and the pace is measured, not assumed:
// - from the job's first report of real work, not from its start: loading a model or reading the
//   selection is over and would inflate every later estimate ("about 88 s left", then "almost done");
// - over the later half of the units done so far, so a cost model that is somewhat off is corrected by
//   what the current (costliest) part really takes;
// - nothing until 2 % of the units and 250 ms of work are measured: no wild first guesses, unless the
//   producer knows the pace from this machine's earlier runs (`expectPace`, issue 17: a calibrated
//   generation), which answers until the job's own pace is measured.
// A new unit system (the total changes) starts the measurement again.
const MIN_SHARE = 0.02;
const MIN_SPAN_MS = 250;

interface Sample {
  t: number;
  done: number;
}

export class EtaEstimator {
  private total = Number.NaN;
  /** The first report of real work in this unit system, then the samples since (oldest first). */
  private base: Sample | undefined;
  private recent: Sample[] = [];
  /** ms per unit this machine measured for such work before, if known. */
  private expected: number | undefined;

  expectPace(msPerUnit: number): void {
    if (Number.isFinite(msPerUnit) && msPerUnit > 0) this.expected = msPerUnit;
  }

  /** ms left after `done` of `total` units at time t, or undefined while too little is measured. */
  estimate(t: number, done: number, total: number): number | undefined {
    if (total !== this.total || done < (this.recent.at(-1)?.done ?? 0)) {
      this.total = total;
      this.base = undefined;
      this.recent = [];
    }
    if (done >= total) return 0;
    const prior = this.expected === undefined ? undefined : Math.round(this.expected * (total - done));
    if (done <= 0) return prior; // nothing of the work itself has been seen yet
    const now = { t, done };
    this.base ??= now;
    this.recent.push(now);
    if (done - this.base.done < MIN_SHARE * total || t - this.base.t < MIN_SPAN_MS) return prior;
    // Measure from the oldest sample in the later half of the units measured so far.
    const half = this.base.done + (done - this.base.done) / 2;
    while (this.recent.length > 2 && this.recent[1]!.done <= half) this.recent.shift();
    const from = this.recent[0]!;
    if (done <= from.done || t <= from.t) return prior;
    return Math.round(((t - from.t) / (done - from.done)) * (total - done));
  }
}
