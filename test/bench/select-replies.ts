// Runs in: benchmark (node). The segment.run traffic of the select benchmark, read off the page's
// WebSocket: each request's kind (a click, the decode its press started (segment.prefetch), a hover preview) and each reply's
// size and timings. A click that took its press's (or hover's) decode reports modelMs 0: the decoder time
// that served it is that earlier reply's, which is what "minus the decoder's run" must subtract.
import type { Page } from 'playwright-core';

export type Kind = 'click' | 'press' | 'hover';
/** engineMs: the engine's own work for it (pre/post-processing, the hop to the ORT worker), not its waits. */
export interface Reply { kind: Kind; bytes: number; modelMs: number; engineMs: number; candidates: number }
export interface ClickReply extends Reply { /** The decoder run this click's mask came from (its own or its press's). */ servedByMs: number; ownRun: boolean }

export function recordReplies(page: Page): { all: Reply[]; requestBytes: number[] } {
  const all: Reply[] = [];
  const requestBytes: number[] = [];
  const kinds = new Map<number, Kind>();
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      if (typeof f.payload !== 'string' || !/"segment\.(run|prefetch)"/.test(f.payload)) return;
      const msg = JSON.parse(f.payload) as { id: number; channel: string; payload: { lane?: string } };
      const kind: Kind = msg.channel === 'segment.prefetch' ? 'press' : msg.payload.lane === 'hover' ? 'hover' : 'click';
      kinds.set(msg.id, kind);
      if (kind === 'click') requestBytes.push(f.payload.length);
    });
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string') return;
      const msg = JSON.parse(f.payload) as { t: string; id?: number; result?: { modelMs?: number; timings?: { modelMs: number; overheadMs: number }; candidates?: unknown[] } };
      const kind = msg.id === undefined ? undefined : kinds.get(msg.id);
      if (!kind || !msg.result) return;
      // A press's prefetch answers with its decoder time only.
      const t = msg.result.timings ?? { modelMs: msg.result.modelMs ?? 0, overheadMs: 0 };
      all.push({ kind, bytes: f.payload.length, modelMs: t.modelMs, engineMs: t.overheadMs, candidates: msg.result.candidates?.length ?? 0 });
    });
  });
  return { all, requestBytes };
}

/** The clicks among `replies`, each with the decoder run that served it. */
export function clickReplies(replies: readonly Reply[]): ClickReply[] {
  let lastRun = 0;
  const out: ClickReply[] = [];
  for (const r of replies) {
    if (r.kind !== 'click') {
      lastRun = r.modelMs || lastRun;
      continue;
    }
    out.push({ ...r, servedByMs: r.modelMs || lastRun, ownRun: r.modelMs > 0 });
  }
  return out;
}
