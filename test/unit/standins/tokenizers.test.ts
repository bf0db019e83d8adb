// Runs in: tests (Node). The stand-in tokenizer files: BERT WordPiece (Grounding DINO) and CLIP BPE (SD),
// checked with small reference tokenizers written here from the algorithms' descriptions.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gdinoStandinPacks } from '../../../src-main/standins/gdino/index';
import { sdStandinPacks } from '../../../src-main/standins/sd/index';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

let dir = '';
const read = (p: string) => readFile(path.join(dir, p), 'utf8');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-tok-'));
  await writeStandinPack(dir, gdinoStandinPacks()[0]!);
  await writeStandinPack(dir, sdStandinPacks()[0]!);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Reference BERT uncased: lowercase, strip accents, split whitespace + punctuation, greedy WordPiece. */
function wordPiece(text: string, vocab: Map<string, number>): number[] {
  const clean = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
  const words = clean
    .split(/\s+/)
    .flatMap((w) => w.split(/([\p{P}\p{S}])/u))
    .filter((w) => w.length > 0);
  const ids = [vocab.get('[CLS]')!];
  for (const word of words) {
    const pieces: number[] = [];
    let start = 0;
    while (start < word.length) {
      let end = word.length;
      let id: number | undefined;
      for (; end > start; end--) if ((id = vocab.get((start > 0 ? '##' : '') + word.slice(start, end))) !== undefined) break;
      if (id === undefined) break;
      pieces.push(id);
      start = end;
    }
    ids.push(...(start < word.length ? [vocab.get('[UNK]')!] : pieces));
  }
  return [...ids, vocab.get('[SEP]')!];
}

describe('BERT vocab (gdino-tiny)', () => {
  it('has 30522 ids with the real special, punctuation and colour ids', async () => {
    const lines = (await read('gdino-tiny/vocab.txt')).split('\n').slice(0, -1);
    expect(lines).toHaveLength(30522);
    expect(new Set(lines).size).toBe(30522);
    const at = Object.fromEntries(
      [0, 100, 101, 102, 103, 999, 1012, 1029, 1037, 1062, 2417, 2665, 2630, 3756, 2317, 2304].map((i) => [i, lines[i]]),
    );
    expect(at).toEqual({
      0: '[PAD]',
      100: '[UNK]',
      101: '[CLS]',
      102: '[SEP]',
      103: '[MASK]',
      999: '!',
      1012: '.',
      1029: '?',
      1037: 'a',
      1062: 'z',
      2417: 'red',
      2665: 'green',
      2630: 'blue',
      3756: 'yellow',
      2317: 'white',
      2304: 'black',
    });
    expect(lines[1]).toBe('[unused0]');
    expect(lines[104]).toBe('[unused99]');
  });

  it('tokenises prompts to the real ids; tokenizer.json is a WordPiece BERT tokenizer over the same vocab', async () => {
    const lines = (await read('gdino-tiny/vocab.txt')).split('\n').slice(0, -1);
    const vocab = new Map(lines.map((t, i) => [t, i]));
    expect(wordPiece('red .', vocab)).toEqual([101, 2417, 1012, 102]);
    expect(wordPiece('Red.', vocab)).toEqual([101, 2417, 1012, 102]);
    expect(wordPiece('a red car. green?', vocab)).toEqual([101, 1037, 2417, 2482, 1012, 2665, 1029, 102]);
    expect(wordPiece('a cat.', vocab)).toEqual([101, 1037, 4937, 1012, 102]);
    const tj = JSON.parse(await read('gdino-tiny/tokenizer.json'));
    expect(tj.normalizer).toMatchObject({ type: 'BertNormalizer', lowercase: true });
    expect(tj.pre_tokenizer.type).toBe('BertPreTokenizer');
    expect(tj.model).toMatchObject({ type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##' });
    expect(Object.keys(tj.model.vocab)).toHaveLength(30522);
    expect(tj.model.vocab).toMatchObject({ '[CLS]': 101, '[SEP]': 102, '.': 1012, red: 2417 });
    expect(tj.post_processor.type).toBe('TemplateProcessing');
    expect(tj.post_processor.single.map((p: Record<string, { id: string }>) => Object.values(p)[0]!.id)).toEqual(['[CLS]', 'A', '[SEP]']);
    expect(tj.post_processor.special_tokens['[SEP]'].ids).toEqual([102]);
    const pre = JSON.parse(await read('gdino-tiny/preprocessor_config.json'));
    expect(pre.size).toEqual({ height: 800, width: 800 }); // onnx-community's form (issue 18)
    expect(pre.image_mean).toEqual([0.485, 0.456, 0.406]);
  });
});

/** GPT-2/CLIP bytes_to_unicode, written out independently of the stand-in code. */
function byteTable(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let n = 0;
  return Array.from({ length: 256 }, (_, b) => String.fromCharCode(printable(b) ? b : 256 + n++));
}

/** Reference CLIP tokenizer: clean, regex split, byte-map, BPE with "</w>", BOS/EOS, pad with EOS to 77. */
function clipTokenize(text: string, vocab: Record<string, number>, merges: string[]): number[] {
  const ranks = new Map(merges.map((m, i) => [m, i]));
  const table = byteTable();
  const pattern = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/giu;
  const ids: number[] = [];
  for (const chunk of text.replace(/\s+/g, ' ').trim().toLowerCase().match(pattern) ?? []) {
    let parts = Array.from(new TextEncoder().encode(chunk), (b) => table[b]!);
    parts[parts.length - 1] += '</w>';
    for (;;) {
      const pairs = parts.slice(0, -1).map((p, i) => ranks.get(`${p} ${parts[i + 1]}`) ?? Infinity);
      const best = Math.min(...pairs);
      if (best === Infinity) break;
      const i = pairs.indexOf(best);
      parts = [...parts.slice(0, i), parts[i]! + parts[i + 1]!, ...parts.slice(i + 2)];
    }
    ids.push(...parts.map((p) => vocab[p]!));
  }
  const out = [49406, ...ids.slice(0, 75), 49407];
  return [...out, ...new Array<number>(77 - out.length).fill(49407)];
}

describe('CLIP BPE vocab (sd15-inpaint)', () => {
  it('is laid out like the real vocab and merges files', async () => {
    const vocab = JSON.parse(await read('sd15-inpaint/tokenizer/vocab.json')) as Record<string, number>;
    const merges = (await read('sd15-inpaint/tokenizer/merges.txt')).split('\n');
    expect(merges[0]).toBe('#version: 0.2');
    expect(Object.keys(vocab)).toHaveLength(49408);
    expect(new Set(Object.values(vocab)).size).toBe(49408);
    expect(vocab).toMatchObject({ '!': 0, a: 64, 'a</w>': 320, '<|startoftext|>': 49406, '<|endoftext|>': 49407 });
    expect(vocab).toMatchObject({
      'red</w>': 736,
      'green</w>': 1901,
      'blue</w>': 1746,
      'yellow</w>': 4481,
      'white</w>': 1579,
      'black</w>': 1449,
    });
    for (const line of merges.slice(1, -1)) {
      const [a, b] = line.split(' ');
      expect(vocab[a!] !== undefined && vocab[b!] !== undefined && vocab[a! + b!] !== undefined, line).toBe(true);
    }
  });

  it('tokenises prompts to the real CLIP ids, padded with <|endoftext|> to 77', async () => {
    const vocab = JSON.parse(await read('sd15-inpaint/tokenizer/vocab.json')) as Record<string, number>;
    const merges = (await read('sd15-inpaint/tokenizer/merges.txt'))
      .split('\n')
      .slice(1)
      .filter((l) => l.length > 0);
    const ids = clipTokenize('a red car', vocab, merges);
    expect(ids).toHaveLength(77);
    expect(ids.slice(0, 6)).toEqual([49406, 320, 736, 1615, 49407, 49407]);
    expect(ids.slice(5).every((i) => i === 49407)).toBe(true);
    expect(clipTokenize('  A   BLUE, Yellow  ', vocab, merges).slice(0, 6)).toEqual([49406, 320, 1746, 267, 4481, 49407]);
    expect(clipTokenize('', vocab, merges).slice(0, 3)).toEqual([49406, 49407, 49407]);
    const cfg = JSON.parse(await read('sd15-inpaint/tokenizer/tokenizer_config.json'));
    expect(cfg).toMatchObject({ model_max_length: 77, pad_token: '<|endoftext|>', tokenizer_class: 'CLIPTokenizer' });
  });
});
