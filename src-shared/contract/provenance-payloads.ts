// Runs in: every process. What fill / inpaint / outpaint results add so the renderer can record a pipeline
// log: pixel fingerprints of the input and each result, and the sha256 of every file of the model pack.
// Optional everywhere, so an older engine's results still parse.
import { z } from 'zod';
import { PackFileHashSchema, PixelSha256Schema } from '../document/value-schemas';

export { PackFileHashSchema, PixelSha256Schema, type PackFileHash } from '../document/value-schemas';

/** Fields a result carries: the input's pixel hash and, for a single result, the result's. */
export const resultHashes = {
  inputSha256: PixelSha256Schema.optional(),
  resultSha256: PixelSha256Schema.optional(),
};

/** The model pack's files, for the diffusion results. */
export const packFiles = { packFiles: z.array(PackFileHashSchema).max(200).optional() };
