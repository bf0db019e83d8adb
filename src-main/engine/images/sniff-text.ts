// Runs in: engine process. Tells text (including SVG markup) from binary data by its first bytes.

/** Valid UTF-8 with few control characters, or nearly all printable ASCII (Latin-1 text). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  let high = 0;
  for (const b of head) {
    if (b === 0) return false; // text files never contain NUL; nearly every binary format does
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
    if (b >= 0x80) high++;
  }
  if (control / head.length > 0.02) return false;
  return isUtf8Prefix(head) || high / head.length < 0.1;
}

/** True when `head` is valid UTF-8, allowing a multi-byte character cut off at the end. */
function isUtf8Prefix(head: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(head, { stream: true }); // stream: a split final character is not an error
    return true;
  } catch {
    return false;
  }
}

/** Markup whose root (after an XML prolog, comments or doctype) is an <svg> element. */
export function looksLikeSvg(head: Uint8Array): boolean {
  if (!looksLikeText(head)) return false;
  const text = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!text.startsWith('<')) return false;
  return /<svg[\s>:/]/i.test(text) || /<!DOCTYPE\s+svg/i.test(text);
}
