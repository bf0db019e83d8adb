// Runs in: engine process (pure). Faster settings to offer when a generation would be long: one variant;
// one variant at about half the steps (never under 10, below which the usual schedulers lose detail); and,
// where an installed pack supports it (its fast path, src-shared/models/fast-path.ts), LCM: 4 steps at the path's guidance, the
// few-step path a CPU user can live with. Only offers that save at least a fifth of the time are kept.
import type { EstimateSettings } from '../../../src-shared/contract/estimate-payloads';
import { LCM_FAST_PATH } from '../../../src-shared/models/fast-path';

/** Longer than this and the panel offers faster settings. */
export const LONG_MS = 60_000;

export interface OfferDraft {
  label: string;
  settings: EstimateSettings;
}

export function offerDrafts(s: EstimateSettings, lcmPacks: readonly string[], outpaint: boolean): OfferDraft[] {
  const out: OfferDraft[] = [];
  const one = outpaint ? {} : { variants: 1 };
  const oneWord = outpaint ? '' : '1 variant, ';
  if (!outpaint && s.variants > 1) out.push({ label: '1 variant', settings: { ...s, variants: 1 } });
  const fewer = Math.max(10, Math.ceil(s.steps / 2));
  if (fewer < s.steps && s.scheduler !== 'lcm') out.push({ label: `${oneWord}${fewer} steps`, settings: { ...s, ...one, steps: fewer } });
  const lcm = s.packId && lcmPacks.includes(s.packId) ? s.packId : lcmPacks[0];
  if (lcm && s.scheduler !== 'lcm') {
    const packWord = lcm === s.packId ? '' : ` (${lcm})`;
    out.push({
      label: `${oneWord}LCM, ${LCM_FAST_PATH.steps} steps${packWord}`,
      settings: { ...s, ...one, steps: LCM_FAST_PATH.steps, guidance: LCM_FAST_PATH.guidance, scheduler: 'lcm', packId: lcm },
    });
  }
  return out;
}

/** The drafts that save at least a fifth of `totalMs`, slowest first (the fastest last). */
export function keepFaster<T extends { totalMs: number }>(totalMs: number, offers: T[]): T[] {
  if (totalMs <= LONG_MS) return [];
  return offers.filter((o) => o.totalMs <= 0.8 * totalMs).sort((a, b) => b.totalMs - a.totalMs);
}
