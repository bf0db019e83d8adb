// Runs in: engine process (and the CLI). Which installed pack the user chose for a role, kept in the models
// folder (preferences.json) so the editor, `anyfill segment` and every later start use the same one. Only
// a choice is stored; whether that pack is still installed is checked where it is used.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PackIdSchema } from '../../../src-shared/models/catalog-schema';
import { writeFileAtomic } from './store-fs';

const PREFERENCES_FILE = 'preferences.json';

export const ModelPreferencesSchema = z.object({
  version: z.literal(1),
  /** The SAM pack Select uses (clicks, boxes, hover, Select Everything). */
  segment: PackIdSchema.optional(),
  /** The eraser pack Remove uses when several are installed (else MI-GAN first: the catalog's order). */
  erase: PackIdSchema.optional(),
});
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** No file, or one that does not parse: no choice (the catalog's order decides). */
export async function readPreferences(modelsDir: string): Promise<ModelPreferences> {
  try {
    const parsed = ModelPreferencesSchema.safeParse(JSON.parse(await readFile(path.join(modelsDir, PREFERENCES_FILE), 'utf8')));
    return parsed.success ? parsed.data : { version: 1 };
  } catch {
    return { version: 1 };
  }
}

export async function writePreferences(modelsDir: string, prefs: ModelPreferences): Promise<void> {
  await mkdir(modelsDir, { recursive: true });
  await writeFileAtomic(path.join(modelsDir, PREFERENCES_FILE), `${JSON.stringify(ModelPreferencesSchema.parse(prefs), null, 2)}\n`);
}
