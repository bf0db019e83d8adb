// Runs in: a host process (Electron main or the browser host). Starts the engine, restarts it after a
// crash with backoff, and carries requests to it. See [Note: engine] in src-main/engine/main.ts.
import { AnyfillError, fromErrorData } from '../../src-shared/contract/errors';
import { MAX_MESSAGE_BYTES, approxJsonBytes, messageTooLarge } from '../../src-shared/contract/message-limits';
import type { EngineState } from '../../src-shared/contract/payloads';
import type { EventOf } from '../../src-shared/contract/contract';
import { WireEventSchema, WireResponseSchema, type WireEvent } from '../../src-shared/contract/wire';
import type { StagedFileId } from '../../src-shared/document/ids';
import type { EngineChild, SpawnEngine } from './engine-child';
import { DEFAULT_HEARTBEAT, Heartbeat, isPong, type HeartbeatOptions } from './heartbeat';
import { PendingRequests } from './pending-requests';

export interface SupervisorOptions {
  spawn: SpawnEngine;
  /** Engine events (asset.decoded…) and the supervisor's own engine.status, for every client. */
  onEvent: (event: WireEvent) => void;
  /** Delay before restart n (the last value repeats). */
  backoffMs?: number[];
  /** Uptime after which a crash no longer counts towards giving up. */
  stableMs?: number;
  /** Quick crashes in a row before the supervisor gives up (state "failed"). */
  maxQuickCrashes?: number;
  /** Ping cadence and the silence after which a hung engine is restarted ([Note: heartbeat]); false: off. */
  heartbeat?: HeartbeatOptions | false;
  log?: (line: string) => void;
}

export class EngineSupervisor {
  private child: EngineChild | null = null;
  private pending = new PendingRequests();
  private waitingForReady: Array<() => void> = [];
  private _state: EngineState = 'starting';
  private _restarts = 0;
  private quickCrashes = 0;
  private startedAt = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: Heartbeat | null = null;
  /** Set when the heartbeat killed the child: how long it had been silent. */
  private hungForMs: number | null = null;
  private lastCause = 'a crash';

  constructor(private readonly opts: SupervisorOptions) {}

  get state(): EngineState {
    return this._state;
  }
  get restarts(): number {
    return this._restarts;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.stopped = false;
    this.launch();
  }

  /**
   * Send a request; waits while the engine (re)starts, fails fast once it has given up. A payload over
   * the message limit is refused here; `payloadFile` names one staged in the inbox instead ([Note: message size]).
   */
  async request(channel: string, payload: unknown, payloadFile?: StagedFileId): Promise<unknown> {
    const bytes = approxJsonBytes(payload, MAX_MESSAGE_BYTES);
    if (bytes > MAX_MESSAGE_BYTES) {
      const e = messageTooLarge(bytes, MAX_MESSAGE_BYTES, channel);
      throw new AnyfillError(e.code, e.message);
    }
    if (this._state === 'failed') {
      throw new AnyfillError(
        'ENGINE_UNAVAILABLE',
        'The engine keeps crashing and was stopped. Restart Anyfill; your document is still open.',
      );
    }
    if (this._state !== 'ready') await new Promise<void>((resolve) => this.waitingForReady.push(resolve));
    const child = this.child;
    if (!child || this._state !== 'ready') throw new AnyfillError('ENGINE_UNAVAILABLE', 'The engine is not running.');
    const { id, promise } = this.pending.add(channel);
    child.send(payloadFile ? { t: 'req', id, channel, payloadFile } : { t: 'req', id, channel, payload });
    return promise;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.heartbeat?.stop();
    this.child?.kill();
    this.child = null;
    this.pending.rejectAll(new AnyfillError('ENGINE_UNAVAILABLE', 'Anyfill is shutting down.'));
  }

  private launch(): void {
    this.startedAt = Date.now();
    const child = this.opts.spawn();
    this.child = child;
    this.hungForMs = null;
    const hb = this.opts.heartbeat ?? DEFAULT_HEARTBEAT;
    this.heartbeat = hb
      ? new Heartbeat(
          hb,
          (m) => child.send(m),
          (silent) => this.onHung(child, silent),
        )
      : null;
    child.onMessage((m) => this.onMessage(child, m));
    child.onExit((code, reason) => this.onExit(child, code, reason));
  }

  private onMessage(child: EngineChild, message: unknown): void {
    if (child !== this.child) return;
    if (isPong(message)) return this.heartbeat?.pong();
    const res = WireResponseSchema.safeParse(message);
    if (res.success) {
      const r = res.data;
      if (r.ok) this.pending.resolve(r.id, r.result);
      else this.pending.reject(r.id, fromErrorData(r.error));
      return;
    }
    const evt = WireEventSchema.safeParse(message);
    if (!evt.success) return;
    if (evt.data.event === 'engine.status') {
      const wasRestart = this._restarts > 0;
      this.heartbeat?.start();
      this.setState(
        'ready',
        wasRestart ? `Engine restarted after ${this.lastCause} (${this._restarts}×). Your document is safe.` : undefined,
      );
      for (const resolve of this.waitingForReady.splice(0)) resolve();
      return;
    }
    this.opts.onEvent(evt.data);
  }

  private onHung(child: EngineChild, silentMs: number): void {
    if (child !== this.child) return;
    this.hungForMs = silentMs;
    this.opts.log?.(`engine stopped answering for ${Math.round(silentMs / 1000)} s; restarting it`);
    child.kill(true);
  }

  private onExit(child: EngineChild, code: number | null, exitReason: string): void {
    if (child !== this.child) return;
    this.child = null;
    this.heartbeat?.stop();
    const hung = this.hungForMs === null ? null : `stopped answering for ${Math.round(this.hungForMs / 1000)} s`;
    const reason = hung ?? exitReason;
    this.pending.rejectAll(
      hung
        ? new AnyfillError(
            'ENGINE_CRASHED',
            `The engine ${hung} while working on this and was restarted. Your document is safe — try again.`,
            exitReason,
          )
        : new AnyfillError(
            'ENGINE_CRASHED',
            'The engine stopped while working on this; it is restarting. Your document is safe — try again.',
            reason,
          ),
    );
    if (this.stopped) return;
    this.opts.log?.(`engine exited (${reason}, code ${code})`);
    const uptime = Date.now() - this.startedAt;
    this.quickCrashes = uptime > (this.opts.stableMs ?? 30_000) ? 1 : this.quickCrashes + 1;
    if (this.quickCrashes > (this.opts.maxQuickCrashes ?? 8)) {
      this.setState('failed', 'The engine keeps crashing and was stopped. Restart Anyfill; your document is still open.');
      for (const resolve of this.waitingForReady.splice(0)) resolve();
      return;
    }
    const backoff = this.opts.backoffMs ?? [200, 1000, 3000, 10_000];
    const delay = backoff[Math.min(this.quickCrashes - 1, backoff.length - 1)] ?? 1000;
    this._restarts += 1;
    this.lastCause = hung ? 'it stopped answering' : 'a crash';
    this.setState('restarting', hung ? `The engine ${hung}; restarting it…` : `The engine stopped unexpectedly (${reason}); restarting…`);
    this.timer = setTimeout(() => this.launch(), delay);
  }

  private setState(state: EngineState, message?: string): void {
    this._state = state;
    const payload: EventOf<'engine.status'> = { state, restarts: this._restarts, ...(message ? { message } : {}) };
    this.opts.onEvent({ t: 'evt', event: 'engine.status', payload });
  }
}
