// Runs in: renderer (browser host only). The contract over one WebSocket: request/response correlation,
// events, and reconnection with backoff. [Note: contract] envelopes are the ones in src-shared/contract/wire.ts.
import { WireMessageSchema, type WireRequest } from '../../../src-shared/contract/wire';
import type { AnyfillErrorData } from '../../../src-shared/contract/errors';
import { MAX_MESSAGE_BYTES, messageTooLarge } from '../../../src-shared/contract/message-limits';
import type { StagedFileId } from '../../../src-shared/document/ids';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: AnyfillErrorData) => void;
}

const LOST: AnyfillErrorData = { code: 'ENGINE_UNAVAILABLE', message: 'Lost connection to Anyfill; reconnecting…' };
/** How long a request made while disconnected waits for the socket before it gives up. */
const QUEUE_WAIT_MS = 8000;

export class WsClient {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private attempts = 0;
  private state: ConnectionState = 'connecting';
  /** Sent and waiting for an answer: rejected when the socket closes (the server forgets them). */
  private readonly inFlight = new Map<number, Pending>();
  /** Made while disconnected: sent once the socket opens, or rejected after QUEUE_WAIT_MS. */
  private readonly queued: { message: WireRequest; pending: Pending; timer: ReturnType<typeof setTimeout> }[] = [];
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();

  constructor(
    private readonly url: string,
    private readonly onEvent: (event: string, payload: unknown) => void,
  ) {
    this.connect();
  }

  get connection(): ConnectionState {
    return this.state;
  }

  onConnectionChange(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** `payloadFile`: the payload was staged in the inbox instead ([Note: message size]). */
  request(channel: string, payload: unknown, payloadFile?: StagedFileId): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const message: WireRequest = payloadFile
        ? { t: 'req', id, channel, payload: undefined, payloadFile }
        : { t: 'req', id, channel, payload };
      const pending = { resolve, reject };
      if (this.socket?.readyState === WebSocket.OPEN) return this.send(message, pending);
      const timer = setTimeout(() => {
        const i = this.queued.findIndex((q) => q.message.id === message.id);
        if (i >= 0) this.queued.splice(i, 1);
        reject({ code: 'ENGINE_UNAVAILABLE', message: 'Anyfill is not reachable right now; try again in a moment.' });
      }, QUEUE_WAIT_MS);
      this.queued.push({ message, pending, timer });
    });
  }

  private send(message: WireRequest, pending: Pending): void {
    const text = JSON.stringify(message);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: count exactly only when that could matter.
    const bytes = text.length * 3 > MAX_MESSAGE_BYTES ? new TextEncoder().encode(text).byteLength : text.length;
    // Never sent: the host would refuse it anyway, and the answer is clearer from here.
    if (bytes > MAX_MESSAGE_BYTES) return pending.reject(messageTooLarge(bytes, MAX_MESSAGE_BYTES, message.channel));
    this.inFlight.set(message.id, pending);
    this.socket!.send(text);
  }

  private setState(s: ConnectionState): void {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.setState('open');
      for (const q of this.queued.splice(0)) {
        clearTimeout(q.timer);
        this.send(q.message, q.pending);
      }
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const p of this.inFlight.values()) p.reject(LOST);
      this.inFlight.clear();
      this.setState('reconnecting');
      // Exponential backoff with jitter, capped so a restarted server is found within a few seconds.
      const delay = Math.min(5000, 250 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
      setTimeout(() => this.connect(), delay);
    };
    // Errors are followed by close; nothing to do here.
    socket.onerror = () => undefined;
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = WireMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.t === 'evt') return this.onEvent(msg.event, msg.payload);
    if (msg.t !== 'res') return;
    const pending = this.inFlight.get(msg.id);
    if (!pending) return;
    this.inFlight.delete(msg.id);
    if (msg.ok) pending.resolve(msg.result);
    else pending.reject(msg.error);
  }
}
