// Runs in: engine process (and the CLI). Grounding DINO captions (model-contracts §4.1, Pitfall 8): the
// user's text becomes lowercase phrases split on ".", each ending " .", tokenised into one id sequence
// [CLS] phrase . phrase . [SEP] that fits the model's 256 text positions. Whatever does not fit is cut,
// and the cut is reported in words, never silently.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { splitPhrases } from '../../../src-shared/text/phrases';

export { splitPhrases };

export const MAX_TEXT_LEN = 256;
export const CLS_ID = 101;
export const SEP_ID = 102;
export const DOT_ID = 1012;
export const QUESTION_ID = 1029;
/** Tokens that end a phrase in the sub-sentence masks (IDEA's generator: [CLS], [SEP], ".", "?"). */
export const SEPARATOR_IDS: ReadonlySet<number> = new Set([CLS_ID, SEP_ID, DOT_ID, QUESTION_ID]);
/** Never part of a label: [CLS], [SEP], "." (§4.1: upstream keeps them; we skip them). */
export const LABEL_SKIP_IDS: ReadonlySet<number> = new Set([CLS_ID, SEP_ID, DOT_ID]);
/**
 * Ids a typed phrase may not carry into the sequence: [PAD], [CLS], [SEP], [MASK], "." and "?" (a mask
 * separator: a 4th special token where onnx-community's export bakes its text mask for 3). Phrases come
 * without punctuation already (splitPhrases); this catches a tokenizer that makes one of these anyway.
 */
const STRAY_IDS: ReadonlySet<number> = new Set([0, CLS_ID, SEP_ID, 103, DOT_ID, QUESTION_ID]);

export const EMPTY_PROMPT = 'Type what to select, e.g. "dog" or "red car. tree".';

/** The caption the model reads: every phrase ends in " ." ("cat . remote control ."). */
export function captionOf(phrases: readonly string[]): string {
  return phrases.map((p) => `${p} .`).join(' ');
}

/** The phrases of a prompt, or BAD_REQUEST when there is nothing to look for. */
export function promptPhrases(text: string): string[] {
  const phrases = splitPhrases(text);
  if (phrases.length === 0) throw new AnyfillError('BAD_REQUEST', EMPTY_PROMPT);
  return phrases;
}

export interface PhraseTokens {
  text: string;
  /** Token ids without specials or the closing ".". */
  ids: number[];
}

/** A phrase's place in an id sequence: tokens start..end−1, the last one its ".". */
export interface PhraseSpan {
  text: string;
  start: number;
  end: number;
}

export interface Sequence {
  ids: number[];
  spans: PhraseSpan[];
}

/** Strips ids a phrase must not contribute (a typed "[SEP]" would split the text mask). */
export function cleanIds(ids: readonly number[]): number[] {
  return ids.filter((id) => !STRAY_IDS.has(id));
}

/** [CLS] p1 . p2 . … [SEP], with each phrase's span. */
export function assemble(phrases: readonly PhraseTokens[]): Sequence {
  const ids = [CLS_ID];
  const spans: PhraseSpan[] = [];
  for (const p of phrases) {
    const start = ids.length;
    ids.push(...p.ids, DOT_ID);
    spans.push({ text: p.text, start, end: ids.length });
  }
  ids.push(SEP_ID);
  return { ids, spans };
}

export interface Fitted {
  phrases: PhraseTokens[];
  /** What was left out, as the user typed it (lowercased); empty when everything fits. */
  cut: string[];
}

/**
 * Keeps whole phrases in order while [CLS] … [SEP] fits `maxLen`; the first phrase that does not fit and
 * every later one are cut. A first phrase too long on its own is shortened to fit (decode names the tail).
 */
export function fitToLimit(phrases: readonly PhraseTokens[], decode: (ids: number[]) => string, maxLen = MAX_TEXT_LEN): Fitted {
  const kept: PhraseTokens[] = [];
  let used = 2;
  for (let i = 0; i < phrases.length; i++) {
    const p = phrases[i]!;
    if (used + p.ids.length + 1 <= maxLen) {
      kept.push(p);
      used += p.ids.length + 1;
      continue;
    }
    const rest = phrases.slice(i + 1).map((q) => q.text);
    if (kept.length > 0) return { phrases: kept, cut: [p.text, ...rest] };
    const room = maxLen - 3;
    const head = p.ids.slice(0, room);
    return { phrases: [{ text: decode(head), ids: head }], cut: [decode(p.ids.slice(room)), ...rest] };
  }
  return { phrases: kept, cut: [] };
}

const NOTICE_CHARS = 120;

/** The notice for a cut prompt: what the model never saw (a long tail is shortened, with its phrase count). */
export function cutNotice(cut: readonly string[], why: string): string | null {
  if (cut.length === 0) return null;
  const all = cut.join('. ');
  const shown = all.length > NOTICE_CHARS ? `${all.slice(0, NOTICE_CHARS).trimEnd()}…` : all;
  const count = cut.length > 1 ? ` (${cut.length} phrases)` : '';
  return `${why}, so this part was left out: "${shown}"${count}.`;
}
