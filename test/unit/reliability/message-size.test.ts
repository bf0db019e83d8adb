// Runs in: vitest (node). [Note: message size] on the transports without a socket: Electron's IPC gate and
// the engine's dispatcher refuse an oversize request with TOO_LARGE and pass a staged one through; the
// supervisor refuses one before it reaches the engine; a hung engine is restarted (heartbeat).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInvoke } from '../../../src-main/electron/ipc-validate';
import { createDispatcher } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers } from '../../../src-main/engine/handlers';
import { EngineSupervisor } from '../../../src-main/host/engine-supervisor';
import type { EngineChild } from '../../../src-main/host/engine-child';
import { newDocumentId, newStagedFileId } from '../../../src-shared/document/ids';
import type { WireEvent } from '../../../src-shared/contract/wire';
import { makeSession, type TestSession } from '../../helpers/images';

const ours = { senderUrl: 'app://ui/index.html', isMainFrame: true };
const bigDocument = () => ({
  id: newDocumentId(),
  schemaVersion: 1,
  name: 'x'.repeat(200),
  width: 10,
  height: 10,
  layers: [],
  pad: 'p'.repeat(5 * 1024 * 1024),
});

describe('Electron IPC gate', () => {
  it('refuses an engine request over 4 MiB with TOO_LARGE, naming the size', () => {
    const r = validateInvoke({ ...ours, channel: 'project.autosave', payload: { document: bigDocument() } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringMatching(/project\.autosave was too large to send \(5\.\d MB/),
      });
  });

  it('lets a pasted file through shell.stageBytes, and a staged payload only to engine channels', () => {
    expect(
      validateInvoke({ ...ours, channel: 'shell.stageBytes', payload: { name: 'big.png', bytes: new Uint8Array(6 * 1024 * 1024) } }).ok,
    ).toBe(true);
    const staged = newStagedFileId();
    expect(validateInvoke({ ...ours, channel: 'project.autosave', payload: undefined, payloadFile: staged })).toMatchObject({
      ok: true,
      payloadFile: staged,
    });
    expect(validateInvoke({ ...ours, channel: 'shell.pickImage', payload: undefined, payloadFile: staged }).ok).toBe(false);
    expect(validateInvoke({ ...ours, channel: 'project.autosave', payload: undefined, payloadFile: '../../etc/passwd' }).ok).toBe(false);
  });
});

describe('engine dispatcher', () => {
  let s: TestSession;
  beforeAll(async () => {
    s = await makeSession();
  });
  afterAll(() => s.cleanup());

  it('refuses an inline payload over 4 MiB, reads a staged one and deletes it', async () => {
    const dispatch = createDispatcher(createEngineHandlers(), s.ctx);
    const inline = await dispatch({ t: 'req', id: 1, channel: 'app.info', payload: { pad: 'p'.repeat(5 * 1024 * 1024) } });
    expect(inline).toMatchObject({ id: 1, ok: false, error: { code: 'TOO_LARGE' } });
    const fileId = newStagedFileId();
    await writeFile(path.join(s.dir, 'inbox', fileId), JSON.stringify({}));
    const staged = await dispatch({ t: 'req', id: 2, channel: 'app.info', payloadFile: fileId });
    expect(staged, JSON.stringify(staged)).toMatchObject({ id: 2, ok: true });
    const again = await dispatch({ t: 'req', id: 3, channel: 'app.info', payloadFile: fileId });
    expect(again).toMatchObject({ id: 3, ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers an envelope without a payload, and one with a wrong shape but an id', async () => {
    const dispatch = createDispatcher(createEngineHandlers(), s.ctx);
    expect(await dispatch({ t: 'req', id: 4, channel: 'project.autosave' })).toMatchObject({
      id: 4,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await dispatch({ t: 'req', id: 5, channel: 42 })).toMatchObject({ id: 5, ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

/** An engine that answers pings until stopped, like a process after SIGSTOP. */
class StoppableEngine implements EngineChild {
  stopped = false;
  killedHard = false;
  private onMsg: (m: unknown) => void = () => undefined;
  private onEnd: (code: number | null, reason: string) => void = () => undefined;
  constructor(readonly pid: number) {
    setTimeout(() => this.onMsg({ t: 'evt', event: 'engine.status', payload: { state: 'ready', restarts: 0 } }), 5);
  }
  send(m: unknown): void {
    const msg = m as { t: string; id?: number };
    if (this.stopped) return;
    if (msg.t === 'ping') setTimeout(() => this.onMsg({ t: 'pong' }), 1);
    else if (msg.t === 'req') setTimeout(() => this.onMsg({ t: 'res', id: msg.id, ok: true, result: { pid: this.pid } }), 1);
  }
  onMessage(l: (m: unknown) => void): void {
    this.onMsg = l;
  }
  onExit(l: (code: number | null, reason: string) => void): void {
    this.onEnd = l;
  }
  kill(force?: boolean): void {
    // A stopped process ignores SIGTERM; only SIGKILL ends it.
    if (this.stopped && !force) return;
    this.killedHard = Boolean(force);
    setTimeout(() => this.onEnd(null, force ? 'killed by SIGKILL' : 'killed by SIGTERM'), 1);
  }
}

describe('supervisor', () => {
  it('refuses an oversize payload before it reaches the engine', async () => {
    const sup = new EngineSupervisor({ spawn: () => new StoppableEngine(1), onEvent: () => undefined, heartbeat: false });
    sup.start();
    await expect(sup.request('app.info', { pad: 'p'.repeat(5 * 1024 * 1024) })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await sup.stop();
  });

  it('kills and restarts an engine that stops answering pings, fails its work clearly and says so', async () => {
    const children: StoppableEngine[] = [];
    const events: WireEvent[] = [];
    const sup = new EngineSupervisor({
      spawn: () => {
        const c = new StoppableEngine(100 + children.length);
        children.push(c);
        return c;
      },
      onEvent: (e) => events.push(e),
      backoffMs: [10],
      heartbeat: { intervalMs: 20, timeoutMs: 150 },
    });
    sup.start();
    await sup.request('app.info', {});
    await new Promise((r) => setTimeout(r, 300)); // pongs keep it alive past the timeout
    expect(children).toHaveLength(1);
    children[0]!.stopped = true;
    const inFlight = sup.request('app.info', {});
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_CRASHED', message: expect.stringMatching(/stopped answering/) });
    expect(children[0]!.killedHard).toBe(true);
    await expect(sup.request('app.info', {})).resolves.toEqual({ pid: 101 });
    const messages = events.map((e) => (e.payload as { message?: string }).message).filter(Boolean);
    expect(messages).toEqual([
      expect.stringMatching(/stopped answering for 0 s; restarting/),
      expect.stringMatching(/restarted after it stopped answering/),
    ]);
    await sup.stop();
  });
});
