// Runs in: every process. What fill / inpaint / outpaint results add so the renderer can record a pipeline
// log: pixel fingerprints of the input and each result, and the sha256 of every file of the model pack.
// Optional everywhere, so an older engine's results still parse.
import { z } from 'zod';
import { Sha256Schema as Sha256Hex } from '../models/catalog-schema';

export const PackFileHashSchema = z.object({ path: z.string().max(400), sha256: Sha256Hex });
export type PackFileHash = z.infer<typeof PackFileHashSchema>;

/** sha256 of decoded pixel bytes (8-bit, interleaved, row-major, no header). */
export const PixelSha256Schema = Sha256Hex;

/** Fields a result carries: the input's pixel hash and, for a single result, the result's. */
export const resultHashes = {
  inputSha256: PixelSha256Schema.optional(),
  resultSha256: PixelSha256Schema.optional(),
};

/** The model pack's files, for the diffusion results. */
export const packFiles = { packFiles: z.array(PackFileHashSchema).max(200).optional() };
