// Runs in: CLI. The generation options `anyfill inpaint` and `anyfill outpaint` share, parsed and checked
// with the same limits as the inpaint.run / outpaint.run channels, and the progress/notice lines on stderr.
import { AnyfillError } from '../../src-shared/contract/errors';
import { SCHEDULER_NAMES, type SchedulerName } from '../engine/diffusion/schedulers/index';
import type { GenerateSettings } from '../engine/diffusion/inpaint-service';
import type { PromptReport } from '../engine/diffusion/tokenizer/clip-tokenizer';

const str = { type: 'string' } as const;
export const GENERATE_OPTIONS = {
  image: str,
  prompt: str,
  negative: str,
  seed: str,
  steps: str,
  guidance: str,
  scheduler: str,
  strength: str,
  variants: str,
  pack: str,
  models: str,
  out: str,
  size: str,
  'no-colour-match': { type: 'boolean' },
  'tiny-vae': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const GENERATE_HELP = `  --prompt "…"          what to paint (colour words drive the stand-in models)
  --negative "…"        what to avoid (default: nothing)
  --seed N              0..4294967295 (default 0); variants use N, N+1, …
  --steps N             denoising steps, 1..150 (default 25)
  --guidance X          classifier-free guidance, 0..30 (default 7.5; ≤ 1 turns it off)
  --scheduler NAME      ${SCHEDULER_NAMES.join(' | ')} (default dpmpp-2m-karras)
  --pack ID             an installed SD inpainting pack (default: the catalog's); an LCM pack runs
                        the LCM scheduler in ≤ 8 steps (4 when more are asked)
  --tiny-vae            encode and decode with the installed tiny VAE (taesd): faster, blurrier
  --models DIR          models folder
  --size N              longer processing side, a multiple of 64 (default 512)`;

type Values = Partial<Record<keyof typeof GENERATE_OPTIONS, string | boolean>>;

function num(v: string | boolean | undefined, name: string, def: number, lo: number, hi: number, int = false): number {
  if (v === undefined || typeof v === 'boolean') return def;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < lo || n > hi || (int && !Number.isInteger(n))) {
    throw new AnyfillError('BAD_REQUEST', `--${name} must be ${int ? 'a whole number' : 'a number'} from ${lo} to ${hi} (got "${v}").`);
  }
  return n;
}

export function generateSettings(v: Values, defaults: { strength: number; variants: number }): GenerateSettings {
  const scheduler = (typeof v.scheduler === 'string' ? v.scheduler : 'dpmpp-2m-karras') as SchedulerName;
  if (!SCHEDULER_NAMES.includes(scheduler))
    throw new AnyfillError('BAD_REQUEST', `--scheduler must be one of ${SCHEDULER_NAMES.join(', ')} (got "${scheduler}").`);
  const side = num(v.size, 'size', 512, 64, 2048, true);
  if (side % 64 !== 0) throw new AnyfillError('BAD_REQUEST', `--size must be a multiple of 64 (got ${side}).`);
  return {
    prompt: typeof v.prompt === 'string' ? v.prompt : '',
    negativePrompt: typeof v.negative === 'string' ? v.negative : '',
    seed: num(v.seed, 'seed', 0, 0, 0xffffffff, true),
    steps: num(v.steps, 'steps', 25, 1, 150, true),
    guidance: num(v.guidance, 'guidance', 7.5, 0, 30),
    scheduler,
    strength: num(v.strength, 'strength', defaults.strength, 0.01, 1),
    variants: num(v.variants, 'variants', defaults.variants, 1, 8, true),
    colourMatch: v['no-colour-match'] !== true,
    side,
    ...(v['tiny-vae'] === true ? { tinyVae: true } : {}),
    ...(typeof v.pack === 'string' ? { packId: v.pack } : {}),
  };
}

/** "photo.png" → "photo-2.png" for variant 2 of several; the name itself for a single result. */
export function variantPath(out: string, index: number, count: number): string {
  if (count === 1) return out;
  const dot = out.lastIndexOf('.');
  const slash = Math.max(out.lastIndexOf('/'), out.lastIndexOf('\\'));
  return dot > slash + 1 ? `${out.slice(0, dot)}-${index + 1}${out.slice(dot)}` : `${out}-${index + 1}`;
}

export function promptNotices(report: { prompt: PromptReport; negative: PromptReport }): string[] {
  const note = (r: PromptReport, what: string) => `${what} is ${r.tokens} tokens; the model reads 75, so this was cut: "${r.dropped}"`;
  return [
    ...(report.prompt.truncated ? [note(report.prompt, 'the prompt')] : []),
    ...(report.negative.truncated ? [note(report.negative, 'the negative prompt')] : []),
  ];
}

/** Progress lines on stderr, at most one per step. */
export function progressLine(stderr: { write(t: string): unknown }): (done: number, total: number, phase: string) => void {
  return (done, total, phase) => void stderr.write(`[${String(Math.round((100 * done) / total)).padStart(3)}%] ${phase}\n`);
}
