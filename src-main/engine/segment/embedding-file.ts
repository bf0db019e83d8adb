// Runs in: engine process (and the CLI). The on-disk form of one cached embedding:
//   "AFSAMEMB" | u32 LE header length | header JSON | zero padding to 8 | tensors, each 8-aligned.
// The header repeats the cache key (image hash, pack, encoder sha256, preprocessing version) and the
// payload's sha256, so a stale, truncated or damaged file reads as a miss and is recomputed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Embedding, EmbeddingTensor } from './types';

const MAGIC = Buffer.from('AFSAMEMB', 'latin1');
export const EMBEDDING_FILE_VERSION = 1;

export interface EmbeddingKey {
  imageHash: string;
  packId: string;
  /** sha256 of the encoder file from the pack manifest: a new encoder means new embeddings. */
  encoderSha256: string;
  /** Bumped when our preprocessing changes (resize, normalisation). */
  prep: number;
}

const HeaderSchema = z.object({
  version: z.literal(EMBEDDING_FILE_VERSION),
  key: z.object({ imageHash: z.string(), packId: z.string(), encoderSha256: z.string(), prep: z.number() }),
  family: z.enum(['sam1', 'sam2']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  tensors: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['float32', 'float16']),
      dims: z.array(z.number().int().nonnegative()),
      offset: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    }),
  ),
  payloadBytes: z.number().int().nonnegative(),
  payloadSha256: z.string(),
});

const align8 = (n: number) => (n + 7) & ~7;

export function serializeEmbedding(key: EmbeddingKey, e: Embedding): Buffer {
  let offset = 0;
  const tensors = e.tensors.map((t) => {
    const entry = { name: t.name, type: t.type, dims: t.dims, offset, bytes: t.data.byteLength };
    offset = align8(offset + t.data.byteLength);
    return entry;
  });
  const payload = Buffer.alloc(offset);
  e.tensors.forEach((t, i) => payload.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), tensors[i]!.offset));
  const header = Buffer.from(
    JSON.stringify({
      version: EMBEDDING_FILE_VERSION,
      key,
      family: e.family,
      width: e.width,
      height: e.height,
      tensors,
      payloadBytes: payload.length,
      payloadSha256: sha256(payload),
    }),
  );
  const start = align8(MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(start + payload.length);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  payload.copy(out, start);
  return out;
}

/** The embedding, or why the file cannot be used (the caller recomputes; nothing here throws). */
export function parseEmbedding(buf: Buffer, key: EmbeddingKey): { embedding: Embedding } | { problem: string } {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { problem: 'not an embedding file' };
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const start = align8(MAGIC.length + 4 + headerLength);
  if (start > buf.length) return { problem: 'truncated header' };
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8')));
  } catch {
    return { problem: 'unreadable header' };
  }
  const k = header.key;
  if (k.imageHash !== key.imageHash || k.packId !== key.packId || k.encoderSha256 !== key.encoderSha256 || k.prep !== key.prep)
    return { problem: 'made for another image or model' };
  if (buf.length !== start + header.payloadBytes) return { problem: `size ${buf.length}, expected ${start + header.payloadBytes}` };
  const payload = buf.subarray(start);
  if (sha256(payload) !== header.payloadSha256) return { problem: 'checksum mismatch' };
  const tensors: EmbeddingTensor[] = [];
  for (const t of header.tensors) {
    const size = t.bytes / (t.type === 'float32' ? 4 : 2);
    if (t.offset + t.bytes > payload.length || size !== t.dims.reduce((a, b) => a * b, 1))
      return { problem: `tensor ${t.name} does not fit` };
    // A copy: aligned, and independent of the file buffer.
    const bytes = payload.buffer.slice(payload.byteOffset + t.offset, payload.byteOffset + t.offset + t.bytes);
    tensors.push({
      name: t.name,
      type: t.type,
      dims: t.dims,
      data: t.type === 'float32' ? new Float32Array(bytes) : new Uint16Array(bytes),
    });
  }
  return { embedding: { family: header.family, width: header.width, height: header.height, tensors } };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
