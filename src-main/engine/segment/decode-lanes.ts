// Runs in: engine process (and the CLI). Which decoder runs happen, and which are shared. Latest-wins per
// lane and key: a request with the key of a newer one neither queues behind it nor replaces it; hovers
// (and a press's prefetch) have their own lane, so they never replace or delay a click. Sharing: a click,
// or a press, with the exact prompt of a recent hover takes that hover's decode (HoverMemo).
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { InferenceQueue } from '../runtime/inference-queue';
import { HoverMemo } from './hover-memo';
import type { PreviousLowRes } from './result-store';
import type { SamPack } from './sam-pack';
import { decodePrompt, type DecodeOutput } from './sam-runs';
import type { Embedding, Prompt } from './types';

/** A request's place in its lane, taken when it arrives (before its awaits). */
export interface LaneTicket {
  hover: boolean;
  laneKey: string | undefined;
  seq: number;
}

export interface DecodeInputs {
  assetId: string;
  pack: SamPack;
  embedding: Embedding;
  prompt: Prompt;
  /** Refinement: the previous logits fed back, and what names them (for sharing). */
  previous?: Float32Array;
  previousRef?: PreviousLowRes;
}

export class DecodeLanes {
  private readonly latest = new Map<string, number>();
  private readonly hoverRuns = new HoverMemo();
  private seq = 0;

  constructor(private readonly queue: InferenceQueue) {}

  enter(req: { assetId: string; key?: string; lane?: 'click' | 'hover' }): LaneTicket {
    const hover = req.lane === 'hover';
    // A hover has its own lane: it can neither replace a click nor be replaced by one.
    const laneKey = hover ? `hover:${req.key ?? req.assetId}` : req.key;
    const seq = ++this.seq;
    if (laneKey !== undefined) this.latest.set(laneKey, seq);
    return { hover, laneKey, seq };
  }

  async decode(ticket: LaneTicket, inputs: DecodeInputs): Promise<DecodeOutput> {
    const { hover, laneKey, seq } = ticket;
    // A newer request with this key already went ahead: neither queue behind it nor replace it.
    if (laneKey !== undefined && this.latest.get(laneKey) !== seq) throw new AnyfillError('CANCELLED', 'Replaced by a newer request.');
    const key = laneKey === undefined ? {} : { key: `segment:${laneKey}` };
    const { pack, embedding, prompt, previous } = inputs;
    const priority = hover ? 'background' : 'interactive';
    const run = () => decodePrompt(pack, embedding, prompt, { queue: this.queue, priority, ...key, ...(previous ? { previous } : {}) });
    const signature = HoverMemo.signature(inputs.assetId, pack.packId, prompt, inputs.previousRef);
    // The same prompt already decoded, or being decoded, in the hover lane (a click or press where a hover rested).
    const earlier = this.hoverRuns.find(signature);
    const shared = earlier && (await taken(earlier));
    if (shared) return shared;
    const decode = run();
    if (hover && signature !== null) this.hoverRuns.remember(signature, decode);
    return decode;
  }
}

/** A decode taken from the hover of the same prompt (no decoder run of its own: modelMs 0); null if it was replaced. */
async function taken(run: Promise<DecodeOutput>): Promise<DecodeOutput | null> {
  const waitStart = performance.now();
  try {
    const o = await run;
    return { ...o, modelMs: 0, queuedMs: performance.now() - waitStart };
  } catch {
    return null; // that hover was replaced before it ran: decode as usual
  }
}
