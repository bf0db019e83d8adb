// Runs in: a host process. [Note: heartbeat] The engine's main thread answers a ping at once, whatever it
// is working on (heavy work runs in workers or is refused by its cost estimate first). An engine that
// leaves pings unanswered for `timeoutMs` is hung (an endless loop, a stopped process): the supervisor
// kills and restarts it, as after a crash.
import { PING, PONG } from '../../src-shared/contract/wire';

export interface HeartbeatOptions {
  /** How often to ping. */
  intervalMs: number;
  /** Silence after which the engine counts as hung. */
  timeoutMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 2000, timeoutMs: 20_000 };

/** ANYFILL_ENGINE_TIMEOUT_MS shortens or lengthens the silence allowed (tests, slow machines). */
export function heartbeatFromEnv(env: NodeJS.ProcessEnv = process.env): HeartbeatOptions {
  const timeoutMs = Number(env.ANYFILL_ENGINE_TIMEOUT_MS);
  if (!Number.isFinite(timeoutMs) || timeoutMs < 500) return DEFAULT_HEARTBEAT;
  return { timeoutMs, intervalMs: Math.min(DEFAULT_HEARTBEAT.intervalMs, Math.round(timeoutMs / 4)) };
}

export function isPong(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { t?: unknown }).t === PONG;
}

/** Pings through `send` and calls `onHung` once when no pong has come for timeoutMs. */
export class Heartbeat {
  private lastPong = Date.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly opts: HeartbeatOptions,
    private readonly send: (message: unknown) => void,
    private readonly onHung: (silentMs: number) => void,
  ) {}

  start(): void {
    this.lastPong = Date.now();
    this.timer = setInterval(() => {
      const silent = Date.now() - this.lastPong;
      if (silent >= this.opts.timeoutMs) {
        this.stop();
        this.onHung(silent);
        return;
      }
      this.send({ t: PING });
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  pong(): void {
    this.lastPong = Date.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
