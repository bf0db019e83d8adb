// Runs in: tests (Node). Prompt → phrases → token ids: caption rules, the 256-token cut and its notice,
// one pass per phrase for onnx-community, and the tokenizer built from vocab.txt matching tokenizer.json.
import { describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { bertTokenizer, wordPieceJson } from '../../../src-main/engine/detect/bert-tokenizer';
import {
  assemble,
  captionOf,
  cleanIds,
  cutNotice,
  EMPTY_PROMPT,
  fitToLimit,
  promptPhrases,
  splitPhrases,
  type PhraseTokens,
} from '../../../src-main/engine/detect/caption';
import { MAX_PASSES, planPasses } from '../../../src-main/engine/detect/passes';
import { bertTokenizerConfigJson, bertTokenizerJson, bertVocab, bertVocabTxt } from '../../../src-main/standins/tokenizers/bert-vocab';

const vocab = bertVocab();
const fromJson = bertTokenizer(
  JSON.parse(bertTokenizerJson(vocab)) as object,
  JSON.parse(bertTokenizerConfigJson()) as object,
  'tokenizer.json',
);
const fromVocab = bertTokenizer(wordPieceJson(bertVocabTxt(vocab)), {}, 'vocab.txt');

describe('caption rules', () => {
  it('lowercases, trims, splits on "." and ends every phrase with " ."', () => {
    expect(splitPhrases('  Red Car.   TREE  ')).toEqual(['red car', 'tree']);
    expect(splitPhrases('a  dog\t. . cat.')).toEqual(['a dog', 'cat']);
    expect(splitPhrases('red. RED. red')).toEqual(['red']); // a repeated phrase is searched once
    expect(captionOf(['cat', 'remote control'])).toBe('cat . remote control .');
  });

  it('refuses an empty prompt with the hint', () => {
    for (const text of ['', '   ', ' . .. ']) {
      let err: unknown;
      try {
        promptPhrases(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AnyfillError);
      expect(err).toMatchObject({ code: 'BAD_REQUEST', message: EMPTY_PROMPT });
    }
    expect(EMPTY_PROMPT).toBe('Type what to select, e.g. "dog" or "red car. tree".');
  });

  it('assembles [CLS] phrase . phrase . [SEP] with each phrase\'s span (its "." included)', () => {
    const seq = assemble([
      { text: 'red car', ids: [2417, 2482] },
      { text: 'tree', ids: [100] },
    ]);
    expect(seq.ids).toEqual([101, 2417, 2482, 1012, 100, 1012, 102]);
    expect(seq.spans).toEqual([
      { text: 'red car', start: 1, end: 4 },
      { text: 'tree', start: 4, end: 6 },
    ]);
    expect(cleanIds([0, 101, 2417, 102, 103, 1012, 100])).toEqual([2417, 100]);
  });
});

describe('the 256-token limit', () => {
  const decode = (ids: number[]) => ids.map((i) => `t${i}`).join(' ');
  const phrase = (text: string, n: number): PhraseTokens => ({ text, ids: Array.from({ length: n }, (_, i) => i + 2000) });

  it('keeps whole phrases in order and cuts the first that does not fit, and all after it', () => {
    const fitted = fitToLimit([phrase('a', 100), phrase('b', 100), phrase('c', 100), phrase('d', 1)], decode);
    expect(fitted.phrases.map((p) => p.text)).toEqual(['a', 'b']);
    expect(fitted.cut).toEqual(['c', 'd']);
    expect(assemble(fitted.phrases).ids).toHaveLength(2 + 101 + 101);
    expect(fitToLimit([phrase('a', 252)], decode).cut).toEqual([]); // 1 + 252 + "." + 1 = 255
    expect(fitToLimit([phrase('a', 253)], decode).cut).toEqual([]); // exactly 256
  });

  it('shortens a first phrase that alone is too long and names the cut tail', () => {
    const fitted = fitToLimit([phrase('long', 300), phrase('next', 2)], decode);
    expect(fitted.phrases[0]!.ids).toHaveLength(253);
    expect(assemble(fitted.phrases).ids).toHaveLength(256);
    expect(fitted.cut[0]).toBe(decode(phrase('long', 300).ids.slice(253)));
    expect(fitted.cut[1]).toBe('next');
  });

  it('says what was cut, shortening a long tail', () => {
    expect(cutNotice([], 'why')).toBeNull();
    expect(cutNotice(['tree', 'blue car'], 'Too long')).toBe('Too long, so this part was left out: "tree. blue car" (2 phrases).');
    const long = cutNotice(
      Array.from({ length: 50 }, (_, i) => `phrase ${i}`),
      'Too long',
    )!;
    expect(long).toMatch(/^Too long, so this part was left out: "phrase 0\. phrase 1\..*…" \(50 phrases\)\.$/);
  });

  it('plans one pass per phrase for onnx-community (at most MAX_PASSES) and one for IDEA-style', () => {
    const phrases = Array.from({ length: MAX_PASSES + 2 }, (_, i) => phrase(`p${i}`, 1));
    const perPhrase = planPasses(phrases, true, decode);
    expect(perPhrase.sequences).toHaveLength(MAX_PASSES);
    expect(perPhrase.sequences[0]!.ids).toEqual([101, 2000, 1012, 102]);
    expect(perPhrase.notices).toEqual([
      `Only the first ${MAX_PASSES} phrases are searched (this model needs one run per phrase), so this part was left out: "p16. p17" (2 phrases).`,
    ]);
    const single = planPasses(phrases, false, decode);
    expect(single.sequences).toHaveLength(1);
    expect(single.sequences[0]!.spans).toHaveLength(MAX_PASSES + 2);
    expect(single.notices).toEqual([]);
  });

  it('reports the token cut for a real over-long prompt', () => {
    const text = Array.from({ length: 100 }, (_, i) => `red car ${i}`).join('. ');
    const phrases = promptPhrases(text).map((t) => ({ text: t, ids: cleanIds(fromJson.encode(t)) }));
    const plan = planPasses(phrases, false, fromJson.decode);
    expect(plan.sequences[0]!.ids.length).toBeLessThanOrEqual(256);
    expect(plan.notices[0]).toMatch(
      /^The prompt is longer than the model's 256 tokens, so this part was left out: "red car 63\. red car 64\. .*" \(37 phrases\)\.$/,
    );
  });
});

describe('BERT tokenizer through @huggingface/tokenizers', () => {
  it('gives the real ids for colour prompts, "." as 1012, and joins ## pieces when decoding', () => {
    expect(fromJson.encode('red car')).toEqual([2417, 2482]);
    expect(fromJson.encode('RED')).toEqual([2417]);
    expect(fromJson.encode('the running dog')).toEqual([1996, 100, 3899]); // "running" is not in the stand-in vocab
    expect(fromJson.encode('red. green.')).toEqual([2417, 1012, 2665, 1012]);
    // Pitfall 8: ". " and " . " tokenise the same.
    expect(fromJson.encode('red . green .')).toEqual(fromJson.encode('red. green.'));
    expect(fromJson.decode([2417, 2482])).toBe('red car');
  });

  it('builds the same tokenizer from vocab.txt alone (IDEA-style packs)', () => {
    for (const text of ['red car', 'a green [UNK] ball', 'Yellow!? white-black, 42', 'the  dog\tcat']) {
      expect(fromVocab.encode(text)).toEqual(fromJson.encode(text));
    }
    expect(fromVocab.decode([1037, 2417, 2482])).toBe('a red car');
  });

  it('refuses a vocabulary that is not bert-base-uncased', () => {
    expect(() => bertTokenizer(wordPieceJson('[PAD]\n[UNK]\n[CLS]\n[SEP]\n.\n'), {}, 'vocab.txt')).toThrow(
      /not the bert-base-uncased tokenizer/,
    );
  });
});

describe('punctuation in a phrase (the export bakes its text mask for [CLS], [SEP] and one ".")', () => {
  /** The id sequences an onnx-community pass is fed for a prompt, exactly as detect builds them. */
  const idsPerPass = (prompt: string) =>
    planPasses(
      promptPhrases(prompt).map((text) => ({ text, ids: cleanIds(fromJson.encode(text)) })),
      true,
      fromJson.decode,
    ).sequences.map((s) => s.ids);
  /** Every ASCII punctuation token of the vocab ("!" 999 … "~" 1066; "." 1012 and "?" 1029 among them). */
  const punctuationIds = new Set(vocab.flatMap((tok, id) => (/^[!-/:-@[-`{-~]$/.test(tok) ? [id] : [])));

  it('drops "?", "!", ",", ";" and the rest: each pass is [CLS] words . [SEP]', () => {
    expect(punctuationIds.has(1029)).toBe(true);
    for (const p of [
      'red?',
      'red!',
      'red,',
      'red;',
      'red:',
      '(red)',
      '"red"',
      '¿red?',
      'red…',
      '[red]',
      'red!!!',
      '--red--',
      'red/',
      'red~',
      '#red',
      'red+',
      '«red»',
    ]) {
      expect(idsPerPass(p), p).toEqual([[101, 2417, 1012, 102]]);
    }
    expect(idsPerPass('a red car? the green ball!')).toEqual([[101, 1037, 2417, 2482, 1996, 2665, 100, 1012, 102]]);
    expect(idsPerPass('red, car; green! ball?. blue?')).toEqual([
      [101, 2417, 2482, 2665, 100, 1012, 102],
      [101, 2630, 1012, 102],
    ]);
  });

  it('no pass ever carries a punctuation token besides its one closing "."', () => {
    const words = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'car', 'dog', 'cat'];
    const prompt = Array.from('!"#$%&\'()*+,-/:;<=>?@[\\]^_`{|}~', (c, i) => `${c}${words[i % 9]}${c}${words[(i + 4) % 9]}${c}`).join('. ');
    const passes = idsPerPass(prompt);
    expect(passes.length).toBeGreaterThan(1);
    for (const ids of passes) {
      expect(ids.filter((id) => punctuationIds.has(id))).toEqual([1012]);
      expect([ids[0], ids.at(-2), ids.at(-1)]).toEqual([101, 1012, 102]);
    }
  });

  it('a prompt of punctuation only is empty, and the renderer reads it the same way', () => {
    expect(() => promptPhrases('?!, ;')).toThrow(EMPTY_PROMPT);
    expect(splitPhrases('Red car? Tree!')).toEqual(['red car tree']);
    expect(splitPhrases('red?. red!')).toEqual(['red']);
    expect(cleanIds([2417, 1029, 2482])).toEqual([2417, 2482]); // a "?" a tokenizer makes anyway never reaches the mask
  });
});
