// Runs in: vitest (node). The contract's schemas accept what the app sends and refuse what it must not.
import { describe, expect, it } from 'vitest';
import { channels, channelNames, events, isChannelName } from '../../../src-shared/contract/contract';
import { AnyfillError, fromErrorData, toErrorData } from '../../../src-shared/contract/errors';
import { SessionFileSchema } from '../../../src-shared/contract/payloads';
import { EditorDocumentSchema } from '../../../src-shared/document/types';
import { newAssetId, newDocumentId, newLayerId, newStagedFileId } from '../../../src-shared/document/ids';

const doc = () => ({
  id: newDocumentId(),
  schemaVersion: 1,
  name: 'truck.jpg',
  width: 1800,
  height: 1200,
  layers: [
    {
      id: newLayerId(),
      kind: 'image',
      name: 'truck.jpg',
      assetId: newAssetId(),
      visible: true,
      opacity: 1,
      x: 0,
      y: 0,
      width: 1800,
      height: 1200,
    },
  ],
});

describe('contract', () => {
  it('lists every channel with an owner and request/response schemas', () => {
    expect(channelNames.length).toBeGreaterThan(5);
    for (const name of channelNames) {
      expect(['engine', 'shell', 'internal']).toContain(channels[name].owner);
      expect(typeof channels[name].request.safeParse).toBe('function');
    }
    expect(isChannelName('image.open')).toBe(true);
    expect(isChannelName('toString')).toBe(false); // no prototype keys
    expect(Object.keys(events)).toContain('engine.status');
  });

  it('accepts a real open request and refuses paths, unknown keys and bad ids', () => {
    const open = channels['image.open'].request;
    expect(open.safeParse({ fileId: newStagedFileId(), name: 'truck.jpg', maxProxySide: 2048 }).success).toBe(true);
    expect(open.safeParse({ fileId: '../../etc/passwd', name: 'x', maxProxySide: 2048 }).success).toBe(false);
    expect(open.safeParse({ fileId: newStagedFileId(), name: 'x', maxProxySide: 2048, path: '/etc/passwd' }).success).toBe(false);
    expect(open.safeParse({ fileId: newStagedFileId(), name: 'x', maxProxySide: 100_000 }).success).toBe(false);
  });

  it('validates documents: branded ids, opacity range, layer kinds', () => {
    expect(EditorDocumentSchema.safeParse(doc()).success).toBe(true);
    const badOpacity = doc();
    badOpacity.layers[0]!.opacity = 1.5;
    expect(EditorDocumentSchema.safeParse(badOpacity).success).toBe(false);
    const swapped = doc();
    swapped.layers[0]!.assetId = swapped.layers[0]!.id as never; // a LayerId where an AssetId belongs
    expect(EditorDocumentSchema.safeParse(swapped).success).toBe(false);
  });

  it('session file paths cannot escape the session folder', () => {
    expect(SessionFileSchema.safeParse({ path: 'assets/a_abcdef/proxy-2048.jpg', width: 1, height: 1 }).success).toBe(true);
    for (const path of ['../x.png', 'assets/../../x', '/etc/passwd', 'inbox/f_abcdef', 'exports\\..\\x']) {
      expect(SessionFileSchema.safeParse({ path, width: 1, height: 1 }).success, path).toBe(false);
    }
  });

  it('errors round-trip as plain data and unknown throws become INTERNAL without losing detail', () => {
    const data = toErrorData(new AnyfillError('TOO_LARGE', 'Too big.', 'w×h'));
    expect(data).toEqual({ code: 'TOO_LARGE', message: 'Too big.', detail: 'w×h' });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(fromErrorData(data)).toBeInstanceOf(AnyfillError);
    const internal = toErrorData(new TypeError('boom'));
    expect(internal.code).toBe('INTERNAL');
    expect(internal.detail).toContain('boom');
  });
});

describe('host-only channels', () => {
  it('models.import takes a path and is marked internal, so no renderer can call it', async () => {
    const { ownerOf } = await import('../../../src-shared/contract/names');
    expect(ownerOf('models.import')).toBe('internal');
    for (const name of channelNames) {
      const shape = JSON.stringify(Object.keys((channels[name].request as unknown as { shape?: object }).shape ?? {}));
      if (/folder|path/i.test(shape)) expect(ownerOf(name), name).toBe('internal');
    }
  });
});
