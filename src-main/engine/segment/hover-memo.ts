// Runs in: engine process (and the CLI). The decoder outputs of the last few hover previews, by prompt: a
// click where the pointer rested sends the very prompt its hover sent (same points, box and previous mask,
// same image and pack), so it takes that output — finished, or still running — instead of queueing a
// second identical decoder run behind it. Same inputs, same outputs: the click's result does not change.
import type { DecodeOutput } from './sam-runs';
import type { PreviousLowRes } from './result-store';
import type { Prompt } from './types';

export class HoverMemo {
  private readonly runs = new Map<string, Promise<DecodeOutput>>();

  constructor(private readonly keep = 2) {}

  /** What makes two decodes identical; null when the previous mask is sent inline (not worth comparing). */
  static signature(assetId: string, packId: string, prompt: Prompt, previous: PreviousLowRes | undefined): string | null {
    if (previous && !('resultId' in previous)) return null;
    const prev = previous ? `${previous.resultId}#${previous.index}` : '-';
    return `${assetId}|${packId}|${prev}|${JSON.stringify(prompt)}`;
  }

  remember(signature: string, run: Promise<DecodeOutput>): void {
    this.runs.delete(signature);
    this.runs.set(signature, run);
    while (this.runs.size > this.keep) this.runs.delete(this.runs.keys().next().value!);
    // A hover replaced while waiting (CANCELLED) leaves nothing to share.
    run.catch(() => {
      if (this.runs.get(signature) === run) this.runs.delete(signature);
    });
  }

  /** The hover output of this exact prompt, if one is held (it may still be running; it may reject). */
  find(signature: string | null): Promise<DecodeOutput> | undefined {
    return signature === null ? undefined : this.runs.get(signature);
  }
}
