// Runs in: vitest (node). The supervisor restarts a crashed engine, fails in-flight work clearly, queues
// work while the engine starts, and gives up after repeated quick crashes.
import { describe, expect, it } from 'vitest';
import { EngineSupervisor } from '../../../src-main/host/engine-supervisor';
import type { EngineChild } from '../../../src-main/host/engine-child';
import type { WireEvent } from '../../../src-shared/contract/wire';

/** An in-memory engine: answers app.info with its own pid, or never answers "slow". */
class FakeEngine implements EngineChild {
  private onMsg: (m: unknown) => void = () => undefined;
  private onEnd: (code: number | null, reason: string) => void = () => undefined;
  constructor(readonly pid: number) {
    setTimeout(() => this.onMsg({ t: 'evt', event: 'engine.status', payload: { state: 'ready', restarts: 0 } }), 5);
  }
  send(message: unknown): void {
    const req = message as { id: number; channel: string };
    if (req.channel === 'slow') return;
    setTimeout(() => this.onMsg({ t: 'res', id: req.id, ok: true, result: { pid: this.pid } }), 1);
  }
  onMessage(l: (m: unknown) => void): void {
    this.onMsg = l;
  }
  onExit(l: (code: number | null, reason: string) => void): void {
    this.onEnd = l;
  }
  kill(): void {
    this.crash();
  }
  crash(): void {
    setTimeout(() => this.onEnd(null, 'killed by SIGKILL'), 1);
  }
}

function setup(maxQuickCrashes = 8) {
  const children: FakeEngine[] = [];
  const events: WireEvent[] = [];
  const supervisor = new EngineSupervisor({
    spawn: () => {
      const c = new FakeEngine(1000 + children.length);
      children.push(c);
      return c;
    },
    onEvent: (e) => events.push(e),
    backoffMs: [10],
    maxQuickCrashes,
  });
  supervisor.start();
  return { supervisor, children, events };
}

const states = (events: WireEvent[]) =>
  events.filter((e) => e.event === 'engine.status').map((e) => (e.payload as { state: string }).state);

describe('EngineSupervisor', () => {
  it('queues a request made while the engine starts, then answers it', async () => {
    const { supervisor } = setup();
    await expect(supervisor.request('app.info', {})).resolves.toEqual({ pid: 1000 });
    await supervisor.stop();
  });

  it('rejects in-flight work with ENGINE_CRASHED, restarts, and serves the next request', async () => {
    const { supervisor, children, events } = setup();
    await supervisor.request('app.info', {});
    const inFlight = supervisor.request('slow', {});
    await new Promise((r) => setTimeout(r, 5));
    children[0]!.crash();
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_CRASHED' });
    await expect(supervisor.request('app.info', {})).resolves.toEqual({ pid: 1001 });
    expect(supervisor.restarts).toBe(1);
    expect(states(events)).toEqual(['ready', 'restarting', 'ready']);
    const last = events.at(-1)!.payload as { message?: string };
    expect(last.message).toMatch(/restarted/i);
    await supervisor.stop();
  });

  it('gives up after repeated quick crashes and says so', async () => {
    const { supervisor, children, events } = setup(2);
    await supervisor.request('app.info', {});
    for (let i = 0; i < 3; i++) {
      children.at(-1)!.crash();
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(supervisor.state).toBe('failed');
    expect(states(events).at(-1)).toBe('failed');
    await expect(supervisor.request('app.info', {})).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    await supervisor.stop();
  });

  it('does not restart after stop()', async () => {
    const { supervisor, children } = setup();
    await supervisor.request('app.info', {});
    await supervisor.stop();
    await new Promise((r) => setTimeout(r, 30));
    expect(children).toHaveLength(1);
  });
});
