// Runs in: every process (pure). Ordered manifest migrations: each takes the JSON of schema N and
// returns schema N+1, so a project from any older Anyfill walks the chain up to PROJECT_SCHEMA_VERSION
// before the zod schema checks it. Migrations never touch pixels (assets are plain PNGs in every version).
import { AnyfillError } from '../contract/errors';
import { PROJECT_SCHEMA_VERSION } from './manifest';

type Json = Record<string, unknown>;
export interface Migration {
  from: number;
  describe: string;
  up(manifest: Json): Json;
}

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/**
 * v0 (the prototype, before manifests had a schemaVersion): no version fields at all, layer opacity in
 * percent (0–100), selection strokes under `brush`, assets named by `file`, no `sourceFormat`.
 */
const v0ToV1: Migration = {
  from: 0,
  describe: 'version fields added, opacity 0–100 → 0–1, brush → strokes, file → path',
  up(m) {
    const doc = isRecord(m.document) ? m.document : {};
    const layers = records(doc.layers).map((layer) => {
      const out: Json = { ...layer };
      if (layer.kind === 'image' && typeof layer.opacity === 'number') out.opacity = Math.min(1, Math.max(0, layer.opacity / 100));
      if (layer.kind === 'selection') {
        out.strokes = Array.isArray(layer.strokes) ? layer.strokes : Array.isArray(layer.brush) ? layer.brush : [];
        out.ops = Array.isArray(layer.ops) ? layer.ops : [];
        delete out.brush;
      }
      return out;
    });
    const assets = records(m.assets).map(({ file, ...rest }) => ({
      ...rest,
      path: rest.path ?? file,
      sourceFormat: rest.sourceFormat ?? 'png',
    }));
    return {
      ...m,
      schemaVersion: 1,
      app: isRecord(m.app) ? m.app : { name: 'Anyfill', version: '0.0.0' },
      savedAt: typeof m.savedAt === 'string' ? m.savedAt : new Date(0).toISOString(),
      document: { ...doc, schemaVersion: 1, layers },
      assets,
    };
  },
};

/** Index i migrates schema i to i + 1; the chain must end at PROJECT_SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

export interface Migrated {
  manifest: unknown;
  from: number;
  applied: string[];
}

/** The manifest's own schema version: absent means the prototype's v0. */
export function schemaVersionOf(json: unknown): number {
  if (!isRecord(json)) throw new AnyfillError('INTEGRITY', 'This project file is damaged: its manifest is not a JSON object.');
  const v = json.schemaVersion;
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new AnyfillError(
      'INTEGRITY',
      `This project file is damaged: its schema version (${JSON.stringify(v)}) is not a number Anyfill knows.`,
    );
  }
  return v;
}

/** Brings a manifest of any known schema up to the current one; refuses newer ones by name. */
export function migrateManifest(json: unknown): Migrated {
  const from = schemaVersionOf(json);
  if (from > PROJECT_SCHEMA_VERSION) {
    throw new AnyfillError(
      'UNSUPPORTED_FORMAT',
      `This project was made by a newer Anyfill (schema ${from}); this version reads up to ${PROJECT_SCHEMA_VERSION}. Update Anyfill to open it.`,
    );
  }
  let manifest = json as Json;
  const applied: string[] = [];
  for (let v = from; v < PROJECT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step || step.from !== v) throw new AnyfillError('INTERNAL', `No migration from project schema ${v}.`);
    manifest = step.up(manifest);
    applied.push(`${v} → ${v + 1}: ${step.describe}`);
  }
  return { manifest, from, applied };
}
