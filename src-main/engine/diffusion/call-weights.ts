// Runs in: engine process (pure). How much of a job's progress each SD model call is worth, so the
// measured pace predicts the rest (eta.ts): counting every step alike and a VAE decode as one more step
// said "about 2 s left" before a decode that costs three steps, and left the VAE encode of each outpaint
// window out entirely. From this machine's measured ms per call when the pack has run here, else from the
// published compute; as whole units, the UNet row = 100, so the job's total is an exact integer. On
// sessions opened by this job, the first UNet call also carries its warm-up (firstExtra).
import { publishedGmac } from './published-cost';
import { unetMs, type SdSpeed } from './sd-speed';

export interface CallWeights {
  text: number;
  encode: number;
  unetRow: number;
  decode: number;
  firstExtra: number;
}

export function callWeights(width: number, height: number, rows: 1 | 2, speed?: SdSpeed, fresh = false): CallWeights {
  const g = publishedGmac(width, height);
  const row = speed ? unetMs(speed, rows) / rows : 0;
  // Without a measurement, a fresh session's first UNet call counts twice (2–3× was measured on the twins).
  const raw =
    speed && row > 0
      ? { text: speed.textMs, encode: speed.encodeMs, unetRow: row, decode: speed.decodeMs, firstExtra: speed.firstExtraRatio * row }
      : { text: g.textRow * rows, encode: g.encode, unetRow: g.unetRow, decode: g.decode, firstExtra: g.unetRow * rows };
  const unit = (v: number) => Math.max(1, Math.round((v / raw.unetRow) * 100));
  return {
    text: unit(raw.text),
    encode: unit(raw.encode),
    unetRow: 100,
    decode: unit(raw.decode),
    firstExtra: fresh ? Math.round((raw.firstExtra / raw.unetRow) * 100) : 0,
  };
}
