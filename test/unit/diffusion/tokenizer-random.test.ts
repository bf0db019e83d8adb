// Runs in: tests (Node). CLIP tokenisation from the stand-in pack's vocab.json + merges.txt (built into a
// tokenizers-library description), the 77-token layout and the truncation report; the seeded noise.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GaussianStream, normalAt, randomWord } from '../../../src-main/engine/diffusion/random';
import { clipTokenizer, clipTokenizerJson, type ClipTokenizer } from '../../../src-main/engine/diffusion/tokenizer/clip-tokenizer';
import { writeStandins } from '../../../src-main/standins/index';

let dir = '';
let tok: ClipTokenizer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-clip-'));
  await writeStandins(dir, (p) => p === 'sd15-inpaint');
  const vocab = JSON.parse(await readFile(path.join(dir, 'sd15-inpaint/tokenizer/vocab.json'), 'utf8'));
  tok = clipTokenizer(
    clipTokenizerJson(vocab, await readFile(path.join(dir, 'sd15-inpaint/tokenizer/merges.txt'), 'utf8')),
    {},
    'vocab.json',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('CLIP tokenizer', () => {
  it('encodes "A  Red car" as [BOS, a, red, car, EOS, EOS…] (77, lowercased, whitespace collapsed)', () => {
    const { ids, report } = tok.encode('  A  Red car ');
    expect(ids).toHaveLength(77);
    expect([...ids.slice(0, 6)]).toEqual([49406, 320, 736, 1615, 49407, 49407]);
    expect(ids.at(-1)).toBe(49407);
    expect(report).toEqual({ truncated: false, tokens: 3, kept: 3, dropped: '' });
  });

  it('the empty (unconditional) prompt is BOS then EOS padding', () => {
    expect([...tok.encode('').ids]).toEqual([49406, ...new Array(76).fill(49407)]);
  });

  it('cuts over-long prompts to 75 tokens and reports the words dropped', () => {
    const prompt = `${'a '.repeat(74)}red car blue`;
    const { ids, report } = tok.encode(prompt);
    expect(ids[75]).toBe(736);
    expect(ids[76]).toBe(49407);
    expect(report).toMatchObject({ truncated: true, tokens: 77, kept: 75 });
    expect(report.dropped).toBe('car blue');
  });

  it('refuses a vocabulary whose specials are not at 49406/49407', () => {
    expect(() => clipTokenizer(clipTokenizerJson({ '<|startoftext|>': 0, '<|endoftext|>': 1 }, ''), {}, 'x.json')).toThrow(
      /not the CLIP tokenizer/,
    );
  });
});

describe('seeded Gaussian noise', () => {
  it('is a pure function of (seed, index): fixed values, independent of how the stream is split', () => {
    const a = new GaussianStream(42).take(10);
    const s = new GaussianStream(42);
    const b = [...s.take(3), ...s.take(7)];
    expect(a.slice(0, 3)).toEqual(Float32Array.from(b.slice(0, 3)));
    expect(normalAt(42, 4)).toBeCloseTo(a[4]!, 6);
    expect(randomWord(0, 0)).not.toBe(randomWord(1, 0));
    // Golden values: a change here changes every user's seeds.
    expect([...a.slice(0, 3)].map((v) => v.toFixed(5))).toMatchInlineSnapshot(`
      [
        "1.35640",
        "0.73277",
        "-0.72303",
      ]
    `);
  });

  it('looks standard normal', () => {
    const x = new GaussianStream(7).take(200_000);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeGreaterThan(0.98);
    expect(variance).toBeLessThan(1.02);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});
