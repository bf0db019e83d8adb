// Runs in: renderer (pure). The answer a press started (segment.prefetch, sent on pointerdown), kept for
// the click its release makes: the click commits it when it asks for the very same thing (image, prompt,
// previous mask, pack: everything but the key that names the selection), and asks the engine otherwise.
import type { SegmentRunRequest } from '../core/bridge/segment-types';

const comparable = (req: SegmentRunRequest) => JSON.stringify({ ...req, key: undefined });

export class PressAnswer<R> {
  private held: { request: string; answer: Promise<R> } | null = null;

  /** The press's request and the engine's answer to it (replacing any earlier press's). */
  remember(req: SegmentRunRequest, answer: Promise<R>): void {
    this.held = { request: comparable(req), answer };
  }

  /** The held answer when `req` is the press's request; either way it is let go (one click per press). */
  take(req: SegmentRunRequest): Promise<R> | null {
    const held = this.held;
    this.held = null;
    return held && held.request === comparable(req) ? held.answer : null;
  }

  forget(): void {
    this.held = null;
  }
}
