// Runs in: every process. [Note: message size] How big one request may be on each transport (WebSocket,
// Electron IPC, the engine port), and what an oversize one is told. Larger payloads (a big document's
// autosave, masks) never travel inline: the sender stages them as a file in the session inbox and the
// envelope names that file (`payloadFile`); the engine reads it.
import type { AnyfillErrorData } from './errors';

/** The most one request may carry inline, on every transport. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Senders stage a payload above this (well under the limit: the estimate below is not byte-exact). */
export const STAGE_PAYLOAD_ABOVE_BYTES = 1024 * 1024;
/** A staged payload (JSON in the session inbox) is read up to this size. */
export const MAX_STAGED_PAYLOAD_BYTES = 512 * 1024 * 1024;

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MB`;

export function messageTooLarge(bytes: number, limit: number, channel?: string): AnyfillErrorData {
  const what = channel ? `The request for ${channel}` : 'A request';
  return {
    code: 'TOO_LARGE',
    message: `${what} was too large to send (${mib(bytes)}; at most ${mib(limit)} travels in one message), so it was refused. Nothing was changed.`,
  };
}

/**
 * About how many bytes `value` takes as JSON (binary arrays by their length), counted without
 * serializing and without recursion (hostile nesting cannot overflow the stack). Stops counting once
 * past `stopAbove`, so a huge payload costs no more than a small one to refuse.
 */
export function approxJsonBytes(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= stopAbove) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number') total += String(v).length;
    else if (typeof v === 'boolean' || v === null || v === undefined) total += 5;
    else if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) total += v.byteLength;
    else if (Array.isArray(v)) {
      total += 1 + v.length;
      for (let i = 0; i < v.length && total <= stopAbove; i++) stack.push(v[i]);
    } else if (typeof v === 'object') {
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        total += k.length + 4;
        stack.push(item);
      }
      total += 2;
    }
  }
  return total;
}

/** The id of a request whose text is too large to parse: ours always put `"id"` first after `"t"`. */
export function requestIdOf(head: string): number | null {
  const m = /"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head.slice(0, 200));
  return m ? Number(m[1]) : null;
}
