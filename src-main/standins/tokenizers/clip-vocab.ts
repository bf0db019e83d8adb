// Runs in: CLI and tests (Node). A CLIP-shaped byte-level BPE vocabulary (vocab.json + merges.txt).
// [Note: stand-in CLIP vocab] 49408 ids laid out like the real file: 0..255 the bytes_to_unicode
// characters, 256..511 the same with "</w>", 49406 <|startoftext|>, 49407 <|endoftext|>. The colour
// words (and "car") are single tokens at their real ids. merges.txt is short: only the merges that
// build those words, found by running BPE and merging the first pair until each word is one token
// (so ranks are consistent); intermediate tokens ("re", "gr", …) sit at placeholder ids from 48000.
// Every other id holds "<unused:N>", which no merge can produce.
import { CLIP_WORDS, COLOURS } from './colours';

export const CLIP_VOCAB_SIZE = 49408;
export const CLIP_BOS = 49406;
export const CLIP_EOS = 49407;
const INTERMEDIATE_BASE = 48000;

/** GPT-2's byte → printable character table: printable Latin-1 bytes map to themselves, the rest to 256+n. */
export function bytesToUnicode(): string[] {
  const keep = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const table: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCharCode(keep(b) ? b : 256 + extra++);
  return table;
}

/** Base vocabulary order: the kept bytes in byte order first, then the remapped ones (as CLIP does). */
function baseSymbols(): string[] {
  const table = bytesToUnicode();
  const kept = table.filter((ch) => ch.charCodeAt(0) < 256);
  return [...kept, ...table.filter((ch) => ch.charCodeAt(0) >= 256)];
}

/** Plain BPE on one word (already byte-mapped): ranks by merge order, "</w>" on the last symbol. */
export function bpeWord(word: string, ranks: Map<string, number>): string[] {
  let parts = Array.from(word);
  parts[parts.length - 1] += '</w>';
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < parts.length - 1; i++) {
      const r = ranks.get(`${parts[i]} ${parts[i + 1]}`);
      if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) return parts;
    const [a, b] = [parts[best]!, parts[best + 1]!];
    const next: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (i < parts.length - 1 && parts[i] === a && parts[i + 1] === b) {
        next.push(a + b);
        i++;
      } else next.push(parts[i]!);
    }
    parts = next;
  }
}

export interface ClipVocab {
  /** Token → id (all 49408 ids). */
  vocab: Record<string, number>;
  /** Merge lines without the header, highest priority first. */
  merges: string[];
}

export function clipVocab(): ClipVocab {
  const byId: (string | undefined)[] = new Array<string | undefined>(CLIP_VOCAB_SIZE);
  baseSymbols().forEach((s, i) => {
    byId[i] = s;
    byId[256 + i] = `${s}</w>`;
  });
  byId[CLIP_BOS] = '<|startoftext|>';
  byId[CLIP_EOS] = '<|endoftext|>';
  const words = new Map<string, number>([...COLOURS.map((c) => [`${c.word}</w>`, c.clipId] as const), ...Object.entries(CLIP_WORDS)]);
  for (const [tok, id] of words) byId[id] = tok;
  const merges: string[] = [];
  const ranks = new Map<string, number>();
  let nextFree = INTERMEDIATE_BASE;
  for (const tok of words.keys()) {
    const word = tok.slice(0, -4);
    for (let parts = bpeWord(word, ranks); parts.length > 1; parts = bpeWord(word, ranks)) {
      const merged = parts[0]! + parts[1]!;
      ranks.set(`${parts[0]} ${parts[1]}`, merges.length);
      merges.push(`${parts[0]} ${parts[1]}`);
      if (!words.has(merged) && !byId.includes(merged)) byId[nextFree++] = merged;
    }
  }
  const vocab: Record<string, number> = {};
  for (let id = 0; id < CLIP_VOCAB_SIZE; id++) vocab[byId[id] ?? `<unused:${id}>`] = id;
  return { vocab, merges };
}

export function clipMergesTxt(merges: string[]): string {
  return `#version: 0.2\n${merges.join('\n')}\n`;
}

export function clipTokenizerConfigJson(): string {
  const tok = (content: string) => ({ __type: 'AddedToken', content, lstrip: false, normalized: true, rstrip: false, single_word: false });
  return JSON.stringify(
    {
      add_prefix_space: false,
      bos_token: tok('<|startoftext|>'),
      do_lower_case: true,
      eos_token: tok('<|endoftext|>'),
      errors: 'replace',
      model_max_length: 77,
      name_or_path: 'openai/clip-vit-large-patch14',
      pad_token: '<|endoftext|>',
      special_tokens_map_file: './special_tokens_map.json',
      tokenizer_class: 'CLIPTokenizer',
      unk_token: tok('<|endoftext|>'),
    },
    null,
    2,
  );
}

export function clipSpecialTokensMapJson(): string {
  const tok = (content: string) => ({ content, lstrip: false, normalized: true, rstrip: false, single_word: false });
  return JSON.stringify(
    { bos_token: tok('<|startoftext|>'), eos_token: tok('<|endoftext|>'), pad_token: '<|endoftext|>', unk_token: tok('<|endoftext|>') },
    null,
    2,
  );
}
