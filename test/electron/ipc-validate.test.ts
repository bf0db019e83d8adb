// Runs in: vitest (Node). The IPC gate's negative paths (S4, S5 in reliability.md §7.1).
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../src-shared/contract/contract';
import { validateInvoke, type InvokeInput } from '../../src-main/electron/ipc-validate';

const ours = { senderUrl: 'app://ui/index.html', isMainFrame: true };
const call = (channel: unknown, payload: unknown, sender: Partial<InvokeInput> = {}) =>
  validateInvoke({ ...ours, channel, payload, ...sender });

describe('validateInvoke: sender', () => {
  it.each([
    ['a subframe of our page', { isMainFrame: false }],
    ['a foreign origin', { senderUrl: 'https://evil.example/' }],
    ['a look-alike host', { senderUrl: 'app://ui.evil/index.html' }],
    ['credentials in the URL', { senderUrl: 'app://evil@ui/index.html' }],
    ['the files host', { senderUrl: 'app://files/exports/e_abcdefgh.png' }],
    ['a file:// page', { senderUrl: 'file:///work/dist/renderer/index.html' }],
    ['about:blank', { senderUrl: 'about:blank' }],
    ['a destroyed frame', { senderUrl: undefined, isMainFrame: false }],
  ])('refuses %s for every channel', (_label, sender) => {
    for (const channel of channelNames) {
      const result = call(channel, {}, sender);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
    }
  });

  it('checks the sender before the channel', () => {
    const result = call('no.such.channel', {}, { senderUrl: 'https://evil.example/' });
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });
});

describe('validateInvoke: channel', () => {
  it.each(['no.such.channel', '__proto__', 'toString', 'constructor', '', 42, null, { channel: 'app.info' }])('refuses %j', (channel) => {
    const result = call(channel, {});
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
  });

  it('routes engine and shell channels by owner', () => {
    expect(call('app.info', {})).toMatchObject({ ok: true, channel: 'app.info', owner: 'engine' });
    expect(call('shell.pickImage', {})).toMatchObject({ ok: true, channel: 'shell.pickImage', owner: 'shell' });
  });
});

describe('validateInvoke: payload', () => {
  it.each([
    ['app.info', { extra: 1 }],
    ['app.info', null],
    ['app.info', 'x'.repeat(100)],
    ['image.open', { fileId: '../../etc/passwd', name: 'a.jpg', maxProxySide: 1024 }],
    ['image.open', { fileId: 'f_abcdefgh', name: 'a.jpg', maxProxySide: 1e9 }],
    ['image.open', { fileId: 'f_abcdefgh', name: '', maxProxySide: 1024 }],
    ['shell.stageBytes', { name: 'a.png', bytes: [1, 2, 3] }],
    ['shell.stageBytes', { name: 'a.png', bytes: 'AAAA' }],
    ['shell.saveExport', { exportId: 'e_../../x', suggestedName: 'a.png' }],
    ['shell.openRecent', { index: -1 }],
    ['shell.openRecent', { index: 1.5 }],
    ['shell.setMenu', { entries: [{ id: 'Bad Id', label: 'x', menu: 'file', enabled: true }] }],
    ['shell.setMenu', { entries: [{ id: 'file.open', label: 'Open', menu: 'tools', enabled: true }] }],
  ])('refuses %s with %j', (channel, payload) => {
    const result = call(channel, payload);
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
  });

  it('accepts well-formed payloads and returns the parsed value', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const staged = call('shell.stageBytes', { name: 'truck.jpg', bytes });
    expect(staged.ok && (staged.payload as { bytes: Uint8Array }).bytes).toBe(bytes);
    expect(call('image.open', { fileId: 'f_abcdefgh', name: 'truck.jpg', maxProxySide: 2048 }).ok).toBe(true);
    expect(
      call('shell.setMenu', { entries: [{ id: 'file.open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', enabled: true }] }).ok,
    ).toBe(true);
  });

  it('keeps the payload itself out of the error detail', () => {
    const secret = 'SECRET'.repeat(1000);
    const result = call('app.info', { secret });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.detail ?? '').not.toContain('SECRET');
      expect((result.error.detail ?? '').length).toBeLessThanOrEqual(1000);
    }
  });
});

describe('internal channels', () => {
  it('refuses models.import from the renderer even with a valid payload', async () => {
    const { validateInvoke } = await import('../../src-main/electron/ipc-validate');
    const res = validateInvoke({
      senderUrl: 'app://ui/index.html',
      isMainFrame: true,
      channel: 'models.import',
      payload: { folder: '/tmp' },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
