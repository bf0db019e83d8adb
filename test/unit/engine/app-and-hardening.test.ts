// Runs in: test tooling. app.info, the sharp lockdown, and how disk errors read to a user.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppInfoSchema } from '../../../src-shared/contract/payloads';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { ioError, toImageError } from '../../../src-main/engine/images/errors';
import { MAX_FILE_BYTES, MAX_PIXELS } from '../../../src-main/engine/images/limits';
import { makeSession, type TestSession } from '../../helpers/images';

const handlers = createEngineHandlers();
let s: TestSession;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

describe('app.info', () => {
  it('describes this engine and matches the contract', async () => {
    const info = await handlers['app.info']({}, s.ctx);
    expect(AppInfoSchema.parse(info)).toEqual(info);
    expect(info).toMatchObject({
      name: 'Anyfill',
      host: 'cli',
      modelsDir: s.ctx.modelsDir,
      limits: { maxPixels: MAX_PIXELS, maxFileBytes: MAX_FILE_BYTES },
    });
    expect(info.version).toBe(process.env.ANYFILL_VERSION || '0.0.0-dev');
    expect(info.versions).toMatchObject({ node: process.versions.node, sharp: '0.35.5', vips: sharp.versions.vips });
    expect(info.versions.onnxruntime).toMatch(/^1\.\d+\.\d+/);
    expect(info.engine.pid).toBe(process.pid);
    expect(info.engine.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(info.executionProviders.find((p) => p.name === 'cpu')).toEqual({ name: 'cpu', available: true });
  });

  it('marks CUDA unavailable when its provider library is not installed', async () => {
    const info = await handlers['app.info']({}, s.ctx);
    const cuda = info.executionProviders.find((p) => p.name === 'cuda');
    // This machine installs onnxruntime-node with CUDA skipped (.npmrc).
    if (cuda) expect(cuda).toMatchObject({ available: false, note: expect.stringMatching(/Not installed/) });
  });
});

describe('hardenSharp', () => {
  it('blocks loaders Anyfill never uses, even if a file got past sniffing', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>');
    await expect(sharp(svg).metadata()).rejects.toThrow(/unsupported image format/);
    expect(
      toImageError(
        await sharp(svg)
          .metadata()
          .catch((e: unknown) => e),
      ).code,
    ).toBe('UNSUPPORTED_FORMAT');
  });

  it('keeps the loaders Anyfill needs, and raw pixel input', async () => {
    const png = await sharp(Buffer.alloc(16, 200), { raw: { width: 2, height: 2, channels: 4 } })
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).format).toBe('png');
    expect(sharp.cache()).toMatchObject({ files: { max: 0 } });
  });
});

describe('disk errors', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: failed, write '/x/exports/e_1.png'`), { code });

  it.each([
    ['ENOSPC', /disk is full/],
    ['EACCES', /permission/],
    ['EROFS', /read-only/],
  ])('%s becomes IO with a plain message', (code, message) => {
    const err = ioError(errno(code));
    expect(err?.code).toBe('IO');
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toMatch(code);
    expect(err?.detail).toMatch(code);
  });

  it('leaves non-errno errors alone', () => {
    expect(ioError(new Error('nope'))).toBeUndefined();
  });
});
