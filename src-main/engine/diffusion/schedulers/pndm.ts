// Runs in: engine process (pure). PNDM as diffusers' ONNX pipelines use it (skip_prk_steps: PLMS only):
// "leading" timesteps with the second one repeated (n + 1 UNet calls), ε′ a linear-multistep combination
// of the last ε values, and the update of model-contracts §5.6. With strength < 1 the list is built from
// the kept timesteps, so the multistep history always starts with a first-order step.
import { alphasCumprod, leadingTimesteps, stepsForStrength } from './schedule';
import type { Scheduler, SchedulerOptions } from './types';

const PLMS = [[1], [3 / 2, -1 / 2], [23 / 12, -16 / 12, 5 / 12], [55 / 24, -59 / 24, 37 / 24, -9 / 24]] as const;

export function pndm({ steps, strength, config }: SchedulerOptions): Scheduler {
  const ac = alphasCumprod(config);
  const ratio = Math.floor(config.trainSteps / steps);
  const final = config.setAlphaToOne ? 1 : ac[0]!;
  const base = leadingTimesteps(steps, config).slice(steps - stepsForStrength(steps, strength));
  const timesteps = base.length > 1 ? [base[0]!, base[1]!, ...base.slice(1)] : base;
  const abar = (t: number) => (t >= 0 ? ac[t]! : final);
  const ets: Float32Array[] = [];
  let stored: Float32Array | undefined;

  /** x at `from` moved to `to` with ε′ (the formula of PNDM's _get_prev_sample). */
  const move = (x: Float32Array, e: Float32Array, from: number, to: number) => {
    const [a, ap] = [abar(from), abar(to)];
    const cx = Math.sqrt(ap / a);
    const ce = (ap - a) / (a * Math.sqrt(1 - ap) + Math.sqrt(a * (1 - a) * ap));
    const out = new Float32Array(x.length);
    for (let k = 0; k < x.length; k++) out[k] = cx * x[k]! - ce * e[k]!;
    return out;
  };

  return {
    name: 'pndm',
    timesteps,
    initNoiseSigma: 1,
    inputScale: () => 1,
    step(eps, i, x) {
      const t = timesteps[i]!;
      if (i === 1 && timesteps.length > 2) {
        // The repeated call: average with the first ε and redo that step from the stored sample.
        const avg = eps.map((v, k) => (v + ets[0]![k]!) / 2);
        return move(stored!, avg, t + ratio, t);
      }
      ets.push(eps);
      if (ets.length > 4) ets.shift();
      if (i === 0) stored = x;
      const c = PLMS[ets.length - 1]!;
      const n = ets.length;
      const e = new Float32Array(eps.length);
      for (let k = 0; k < e.length; k++) {
        let s = 0;
        for (let j = 0; j < c.length; j++) s += c[j]! * ets[n - 1 - j]![k]!;
        e[k] = s;
      }
      return move(x, e, t, t - ratio);
    },
    addNoise(x0, noise) {
      const a = abar(timesteps[0]!);
      return x0.map((v, k) => Math.sqrt(a) * v + Math.sqrt(1 - a) * noise[k]!);
    },
  };
}
