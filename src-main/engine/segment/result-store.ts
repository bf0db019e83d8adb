// Runs in: engine process (and the CLI). The exact float logits of the last few clicks, by resultId: the
// renderer only holds the quantised wire form, so refinement (mask_input) and full-resolution masks use
// these when they are still here, and fall back to what the renderer sends when they are not.
import { randomBytes } from 'node:crypto';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { decodeLogits } from './logits-codec';
import type { EncodedLogits, LowResPlacement } from './types';

export interface StoredResult {
  assetId: string;
  packId: string;
  placement: LowResPlacement;
  /** Every candidate the decoder returned (also those not sent), 256×256 each. */
  lowRes: Float32Array[];
  ious: number[];
  tokens: Array<number | null>;
  chosen: number;
}

/** A previous mask to refine: a result the engine still holds, or logits the renderer kept. */
export type PreviousLowRes = { resultId: string; index: number; fallback?: EncodedLogits } | { logits: EncodedLogits };

export class ResultStore {
  private readonly results = new Map<string, StoredResult>();

  constructor(private readonly keep = 16) {}

  add(r: StoredResult): string {
    const id = `r_${randomBytes(9).toString('base64url')}`;
    this.results.set(id, r);
    for (const old of this.results.keys()) {
      if (this.results.size <= this.keep) break;
      this.results.delete(old);
    }
    return id;
  }

  get(id: string): StoredResult | undefined {
    return this.results.get(id);
  }

  /** The float logits to feed back as mask_input, checked against the image and pack they are for. */
  previous(prev: PreviousLowRes, assetId: string, packId: string): Float32Array {
    if ('logits' in prev) return decodeLogits(prev.logits);
    const r = this.results.get(prev.resultId);
    if (!r) {
      if (prev.fallback) return decodeLogits(prev.fallback);
      throw new AnyfillError('NOT_FOUND', 'The mask to refine is no longer available; click again to start a new one.', prev.resultId);
    }
    if (r.assetId !== assetId || r.packId !== packId) {
      throw new AnyfillError('BAD_REQUEST', 'The mask to refine belongs to another image or model.', `${r.assetId}/${r.packId}`);
    }
    return candidateOf(r, prev.index);
  }
}

export function candidateOf(r: StoredResult, index: number): Float32Array {
  const logits = r.lowRes[index];
  if (!logits) throw new AnyfillError('BAD_REQUEST', `There is no mask candidate ${index}.`, `${r.lowRes.length} candidates`);
  return logits;
}
