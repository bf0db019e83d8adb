// Runs in: tests (node). Hostile and broken messages to the browser host's WebSocket: junk frames, envelopes
// with missing or wrong parts, unknown channels, oversize messages (a 5 MB autosave, 50 MB of junk), a
// seeded burst of random frames and a few hundred concurrent requests. Every envelope must get a clear
// reply (or the socket a clear close), and the host and engine must keep answering.
import type { FaultHost } from './host';
import { rawFrame, withTimeout } from './host';
import { isClearError, type Tally } from './tally';

type Expect = 'reply' | 'reply-or-close' | 'alive';

function cases(): Array<{ name: string; frame: string | Buffer; expect: Expect }> {
  const env = (o: Record<string, unknown>) => JSON.stringify({ t: 'req', id: 7, ...o });
  const bigDoc = {
    id: 'd_big00001',
    name: 'Big',
    width: 100,
    height: 100,
    schemaVersion: 1,
    layers: Array.from({ length: 1 }, () => ({ note: 'x'.repeat(5.6 * 1024 ** 2) })),
  };
  return [
    { name: 'not JSON', frame: 'hello there', expect: 'alive' },
    { name: 'JSON that is no envelope', frame: '{"a":1}', expect: 'alive' },
    { name: 'binary frame', frame: Buffer.from([0, 1, 2, 3, 255]), expect: 'alive' },
    { name: 'envelope without payload', frame: env({ channel: 'app.info' }), expect: 'reply' },
    { name: 'unknown channel', frame: env({ channel: 'fs.readFile', payload: { path: '/etc/passwd' } }), expect: 'reply' },
    {
      name: 'internal channel from the page',
      frame: env({ channel: 'project.openPath', payload: { path: '/etc/passwd', maxProxySide: 256 } }),
      expect: 'reply',
    },
    {
      name: 'payload of the wrong type',
      frame: env({ channel: 'image.open', payload: { fileId: 42, name: [], maxProxySide: 'big' } }),
      expect: 'reply',
    },
    { name: 'string id', frame: JSON.stringify({ t: 'req', id: 'x', channel: 'app.info', payload: {} }), expect: 'reply-or-close' },
    { name: 'negative id', frame: JSON.stringify({ t: 'req', id: -5, channel: 'app.info', payload: {} }), expect: 'reply-or-close' },
    {
      name: 'prototype pollution keys',
      frame: '{"t":"req","id":8,"channel":"app.info","payload":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}}',
      expect: 'reply',
    },
    {
      name: 'deeply nested payload',
      frame: `{"t":"req","id":9,"channel":"app.info","payload":${'['.repeat(20000)}${']'.repeat(20000)}}`,
      expect: 'reply-or-close',
    },
    {
      name: '5.6 MB schema-shaped autosave',
      frame: env({ channel: 'project.autosave', payload: { document: bigDoc } }),
      expect: 'reply-or-close',
    },
    { name: '50 MB of junk', frame: Buffer.alloc(50 * 1024 ** 2, 0x41), expect: 'alive' },
  ];
}

export async function runMessages(host: FaultHost, tally: Tally): Promise<void> {
  for (const c of cases()) {
    const answer = await rawFrame(host.serve.url, c.frame, 5000);
    if (!(await host.alive())) {
      tally.add('messages', c.name, 'crash', 'the host or engine stopped answering');
      continue;
    }
    const closed = typeof answer === 'object' && answer !== null && 'closed' in answer;
    const ok = c.expect === 'alive' || isClearError(answer) || (c.expect === 'reply-or-close' && closed);
    tally.add('messages', c.name, ok ? 'clear' : 'unclear', JSON.stringify(answer)?.slice(0, 200) ?? 'no reply');
  }
  let seed = 99;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
  const junk = Array.from({ length: 300 }, () =>
    rnd() % 2
      ? JSON.stringify({
          t: 'req',
          id: rnd() % 1000,
          channel: ['app.info', 'image.open', 'segment.run', 'nope'][rnd() % 4],
          payload: rnd() % 3 ? {} : null,
        })
      : String.fromCharCode(...Array.from({ length: rnd() % 200 }, () => rnd() % 256)),
  );
  await Promise.all(junk.map((f) => rawFrame(host.serve.url, f, 5000)));
  tally.add('messages', '300 random frames at once', (await host.alive()) ? 'clear' : 'crash');
  const burst = await withTimeout(Promise.allSettled(Array.from({ length: 300 }, () => host.client.invoke('app.info', {}))), 30_000).catch(
    () => null,
  );
  const answered = burst?.filter((r) => r.status === 'fulfilled').length ?? 0;
  tally.add(
    'messages',
    '300 concurrent app.info',
    answered === 300 ? 'clear' : (await host.alive()) ? 'unclear' : 'crash',
    `${answered} of 300 answered`,
  );
}
