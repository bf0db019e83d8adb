// Runs in: engine process (pure). How fast this machine runs each SD model call (measured, or rough from
// published compute): the pipeline weighs its progress by it, the estimate (engine/estimate) times jobs by it.
/** ms per call of each model at one processing size on one device, and the rest of a job. */
export interface SdSpeed {
  textMs: number;
  encodeMs: number;
  /** One UNet evaluation by batch rows ("1", "2"); a missing one is scaled from the other. */
  unetMs: Partial<Record<'1' | '2', number>>;
  decodeMs: number;
  /** Opening the pack's sessions, when the pack is not loaded. */
  loadMs: number;
  /**
   * Fresh sessions' first UNet run takes this many steady one-row evaluations more (warm-up): one-row units,
   * as on CPU a guided step's two rows run separately and only the first one warms up.
   */
  firstExtraRatio: number;
  /** Per result: crop, resizes, blend, the result's asset and proxy. */
  otherMs: number;
}

/** One UNet evaluation of `rows`: measured at that batch, else scaled by rows from the other. */
export function unetMs(speed: Pick<SdSpeed, 'unetMs'>, rows: 1 | 2): number {
  const exact = speed.unetMs[rows === 1 ? '1' : '2'];
  if (exact !== undefined) return exact;
  const other = speed.unetMs[rows === 1 ? '2' : '1'];
  return other === undefined ? 0 : (other * rows) / (rows === 1 ? 2 : 1);
}
