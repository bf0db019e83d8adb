// Runs in: engine process (and the CLI). What this machine has measured, kept in the models folder
// (speed.json, beside preferences.json) so estimates stay calibrated across restarts: per pack, device
// and processing size the ms each SD model call took here; per device the rough GMAC/s of the probe.
// A missing or unreadable file is "nothing measured yet", never an error.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../models/store-fs';
import type { SdSpeed } from './sd-cost';

const SPEED_FILE = 'speed.json';
const ms = z.number().nonnegative().finite();

const SdSpeedSchema = z.object({
  textMs: ms,
  encodeMs: ms,
  unetMs: z.object({ '1': ms.optional(), '2': ms.optional() }),
  decodeMs: ms,
  loadMs: ms,
  firstExtraRatio: z.number().nonnegative().finite(),
  otherMs: ms,
});

const SpeedFileSchema = z.object({
  version: z.literal(1),
  machine: z.record(z.string(), z.object({ gmacPerS: z.number().positive().finite(), at: z.string() })),
  packs: z.record(z.string(), z.object({ speed: SdSpeedSchema, runs: z.number().int().positive(), at: z.string() })),
});
export type SpeedFile = z.infer<typeof SpeedFileSchema>;

/** The key a measurement is kept under: the pack, the device it ran on, the processing size. */
export const speedKey = (packId: string, device: string, width: number, height: number): string => `${packId}|${device}|${width}x${height}`;

export async function readSpeeds(modelsDir: string): Promise<SpeedFile> {
  try {
    const parsed = SpeedFileSchema.safeParse(JSON.parse(await readFile(path.join(modelsDir, SPEED_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // no file yet, or not JSON: nothing measured
  }
  return { version: 1, machine: {}, packs: {} };
}

/** Read, change and write back (the job queue runs one generation at a time, so writers do not race). */
export async function updateSpeeds(modelsDir: string, change: (f: SpeedFile) => void): Promise<void> {
  const file = await readSpeeds(modelsDir);
  change(file);
  await mkdir(modelsDir, { recursive: true });
  await writeFileAtomic(path.join(modelsDir, SPEED_FILE), `${JSON.stringify(SpeedFileSchema.parse(file), null, 2)}\n`);
}

export function packSpeed(file: SpeedFile, key: string): SdSpeed | undefined {
  const s = file.packs[key]?.speed;
  return s ? { ...s, unetMs: { ...s.unetMs } } : undefined;
}
