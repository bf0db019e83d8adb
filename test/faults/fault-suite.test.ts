// Runs in: tests (node). The reliability suite (`npm run test:faults`, also part of `npm test`): a corpus of
// malformed images, hostile projects, broken and oversize messages, a fake hub's fault modes and kill -9
// during saves, generated here,
// loopback only, bounded in count and time. Every case must end clear: a clear message (or success where
// the input is sound), no crash, nothing lost, nothing written outside. Prints tried / clear / crash / lost /
// escape per group.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDownloads } from './downloads';
import { startFaultHost, type FaultHost } from './host';
import { runImages } from './images';
import { runMessages } from './messages';
import { runProjects } from './projects';
import { runSaves } from './saves';
import { Tally } from './tally';

const tally = new Tally();
let host: FaultHost;
beforeAll(async () => {
  host = await startFaultHost();
}, 60_000);
afterAll(async () => {
  await host?.close();
  console.log(`\nFault suite\n${tally.table()}\n`);
});

const clean = (group: string) => {
  const bad = tally.rows.filter((r) => r.group === group && r.outcome !== 'clear');
  expect(bad, bad.map((r) => `${r.outcome}: ${r.name}: ${r.note}`).join('\n')).toEqual([]);
};

it('malformed images get a clear message and lose nothing', async () => {
  await runImages(host, tally);
  clean('images');
}, 300_000);

it('hostile project files are refused clearly, and nothing escapes', async () => {
  await runProjects(host, tally);
  clean('projects');
}, 300_000);

it('broken, hostile and oversize messages get a clear reply and the host keeps answering', async () => {
  await runMessages(host, tally);
  clean('messages');
}, 300_000);

it('a hub that lies, breaks or serves junk installs nothing and touches no previous install', async () => {
  await runDownloads(tally);
  clean('downloads');
}, 300_000);

it('kill -9 at random moments during saves never leaves a broken file', async () => {
  await runSaves(tally);
  clean('saves');
}, 300_000);
