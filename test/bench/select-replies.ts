// Runs in: benchmark (node, and a script in the page). The segment traffic of the select benchmark, read off the page's WebSocket:
// each request's kind (the decode a press starts, segment.prefetch, whose answer the release commits; a
// click's own segment.run, sent only when its press could not answer it; a hover preview) and each
// reply's size and timings. A reply that took an earlier decode (a hover's) reports modelMs 0: the decoder
// time that served it is that earlier reply's, which is what "minus the decoder's run" must subtract.
import type { Page } from 'playwright-core';

export type Kind = 'click' | 'press' | 'hover';
/** engineMs: the engine's own work for it (pre/post-processing, the hop to the ORT worker), not its waits. */
export interface Reply {
  kind: Kind;
  bytes: number;
  modelMs: number;
  engineMs: number;
  candidates: number;
  failed: boolean;
}
/** One click as the engine saw it: its press's answer, and its own segment.run if it sent one. */
export interface ClickReply extends Reply {
  /** The decoder run this click's mask came from (its press's, its own, or a hover's before it). */
  servedByMs: number;
  /** A decoder run of its own (the press's or the click's), not a hover's taken over. */
  ownRun: boolean;
  /** It also sent segment.run (its press did not answer it), and whether that ran the decoder. */
  clickSent: boolean;
  clickRan: boolean;
}

/**
 * Records the page's segment traffic from inside the page (a wrapper on its WebSocket), not through the
 * DevTools protocol: streaming every frame to the harness would put the browser process and this one
 * to work in the very milliseconds being measured. Install before the page loads; take() reads and clears.
 */
export async function recordReplies(page: Page): Promise<{ take(): Promise<Reply[]>; requestBytes(): Promise<number[]> }> {
  await page.addInitScript(`(() => {
    window.__segReplies = [];
    window.__segRequestBytes = [];
    const kinds = new Map();
    const Native = window.WebSocket;
    const send = Native.prototype.send;
    Native.prototype.send = function (data) {
      if (typeof data === 'string' && /"segment\\.(run|prefetch)"/.test(data)) {
        const msg = JSON.parse(data);
        const kind = msg.channel === 'segment.prefetch' ? 'press' : msg.payload.lane === 'hover' ? 'hover' : 'click';
        kinds.set(msg.id, kind);
        if (kind !== 'hover') window.__segRequestBytes.push(data.length);
      }
      return send.call(this, data);
    };
    window.__onSegReply = (data) => {
      if (typeof data !== 'string' || kinds.size === 0) return;
      const msg = JSON.parse(data);
      const kind = msg.t === 'res' ? kinds.get(msg.id) : undefined;
      if (!kind) return;
      kinds.delete(msg.id);
      // A refused or replaced press counts too: its click then asks on its own.
      const t = (msg.result && msg.result.timings) || { modelMs: 0, overheadMs: 0 };
      window.__segReplies.push({ kind, bytes: data.length, modelMs: t.modelMs, engineMs: t.overheadMs, candidates: msg.result && msg.result.candidates ? msg.result.candidates.length : 0, failed: !msg.result });
    };
  })()`);
  return {
    take: () => page.evaluate('window.__segReplies.splice(0)') as Promise<Reply[]>,
    requestBytes: () => page.evaluate('window.__segRequestBytes.slice()') as Promise<number[]>,
  };
}

/** The clicks among `replies` (one per press, in order; a click's own segment.run joins its press's). */
export function clickReplies(replies: readonly Reply[]): ClickReply[] {
  let lastHover = 0;
  const out: ClickReply[] = [];
  for (const r of replies) {
    if (r.kind === 'hover') {
      lastHover = r.modelMs || lastHover;
      continue;
    }
    const served = r.modelMs || lastHover;
    const open = out[out.length - 1];
    if (r.kind === 'press' || !open || open.clickSent) {
      out.push({
        ...r,
        servedByMs: served,
        ownRun: r.modelMs > 0,
        clickSent: r.kind === 'click',
        clickRan: r.kind === 'click' && r.modelMs > 0,
      });
      continue;
    }
    // The click's own answer after its press's: what it shows is this one.
    out[out.length - 1] = {
      ...r,
      servedByMs: r.modelMs || open.servedByMs,
      ownRun: open.ownRun || r.modelMs > 0,
      clickSent: true,
      clickRan: r.modelMs > 0,
    };
  }
  return out;
}
