// Runs in: engine process and the fill worker (pure). Progress for work in parts of uneven cost: each
// part has a number of steps and a cost per step (PatchMatch: the level's hole pixels, 4× per finer
// level), and progress counts cost, not steps, so the measured pace (eta.ts) predicts the rest. Counting
// steps alike said "almost done" at 1.3 s of a 15.6 s fill, before its finest level had begun.
export interface Part {
  steps: number;
  costPerStep: number;
}
export interface StepProgress {
  done: number;
  total: number;
  last: boolean;
}

export class WeightedSteps {
  private done = 0;
  readonly total: number;

  constructor(private readonly parts: readonly Part[]) {
    this.total = parts.reduce((n, p) => n + p.steps * Math.max(1, p.costPerStep), 0);
  }

  /** One step of part `index` finished; last: it is the final part. */
  step(index: number): StepProgress {
    this.done = Math.min(this.total, this.done + Math.max(1, this.parts[index]!.costPerStep));
    return { done: this.done, total: this.total, last: index === this.parts.length - 1 };
  }
}
