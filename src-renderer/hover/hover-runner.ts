// Runs in: renderer. [Note: hover preview] With the select tool idle over an image whose embedding is ready,
// the mask a click at the pointer would give is shown faintly. Latest-wins in the renderer too: at most one
// hover request in flight; moves meanwhile only replace the one waiting position, sent when the answer
// lands. Every hover goes in the engine's hover lane (segment.run lane 'hover'), so it never replaces or
// delays a click. A reply that arrives after a clear (a click, a drag, leaving the canvas, another tool,
// an undo…) is dropped. Nothing here touches the document or the history.
import type { AssetId } from '../../src-shared/document/ids';
import { getApi } from '../core/bridge/api';
import { getSelectionUi } from '../selection/api';
import type { SegmentRunRequest } from '../core/bridge/segment-types';
import { hoverShown } from './hover-mask';
import { getHover, setHover } from './hover-store';

/** Bumped by every clear: answers to requests sent before it are stale. */
let generation = 0;
let inFlight = false;
let waiting: SegmentRunRequest | null = null;
/** Hover answers shown, for the benchmark's rate figure. */
export const hoverCounts = { sent: 0, shown: 0 };

/** Can a hover ask the engine now? (Preference on, embedding ready, no click being answered.) */
function canHover(): boolean {
  const ui = getSelectionUi();
  return getHover().enabled && ui.segment.state === 'ready' && ui.running === 0 && ui.band === null;
}

/** The pointer is where a click would send `req` (the segment session's click request), the select tool idle. */
export function hoverAt(req: SegmentRunRequest): void {
  if (!canHover()) return clearHover();
  waiting = { ...req, key: 'hover', lane: 'hover', multimask: false };
  if (!inFlight) void pump();
}

/** Hide the preview and drop every answer still on its way. */
export function clearHover(): void {
  stopHover();
  if (getHover().shown) setHover({ shown: null });
}

/**
 * Drop every answer still on its way but leave the preview drawn: a press keeps it until the click's own
 * mask replaces it in the same frame (the document change clears it, hover-actions.ts), or the press
 * turns into a drag, or the click fails. No flash of nothing in between, and no repaint to wait behind.
 */
export function stopHover(): void {
  generation++;
  waiting = null;
}

async function pump(): Promise<void> {
  const req = waiting;
  if (!req) return;
  waiting = null;
  inFlight = true;
  const mine = generation;
  hoverCounts.sent++;
  try {
    const r = await getApi().invoke('segment.run', req);
    if (mine === generation && canHover()) {
      const shown = hoverShown(req.assetId as AssetId, r);
      setHover({ shown });
      hoverCounts.shown++;
    }
  } catch {
    // A hover that fails (cancelled, model gone) just shows nothing; a click reports problems.
  } finally {
    inFlight = false;
  }
  if (waiting) void pump();
}
