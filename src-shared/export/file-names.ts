// Runs in: every process (pure). The names of a layered export's files, decided in one place so the export
// dialog lists exactly what the engine writes. Names come from layer names the user typed, so they are
// slugified (no separators, dots or reserved names survive) and made unique case-insensitively.
import type { ExportChoices } from '../contract/export-payloads';
import type { EditorDocument } from '../document/types';

export const MANIFEST_FILE = 'layers.json';
export const COMPOSITE_FILE = 'composite.png';

/** "../Évil/ Name!" → "evil-name"; never empty, at most 60 characters. */
export function slugify(name: string, fallback = 'layer'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents dropped after NFKD splits them off
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** Hands out names that no other file in the folder has (case-insensitive: macOS and Windows). */
export class FolderNames {
  private readonly taken = new Set<string>([MANIFEST_FILE, COMPOSITE_FILE]);

  take(stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = `${n === 1 ? stem : `${stem}-${n}`}.${ext}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}

export interface LayerFiles {
  /** Image layers: their PNG. */
  image?: string;
  mask?: string;
  cutout?: string;
}

export interface ExportPlan {
  /** Per layer, in document order (bottom → top). */
  layers: LayerFiles[];
  composite: string | null;
  psd: string | null;
}

/** What a layered export of `doc` with `choices` writes (a cut-out of an empty selection is skipped then). */
export function planExport(doc: EditorDocument, choices: ExportChoices): ExportPlan {
  const names = new FolderNames();
  const layers = doc.layers.map((layer): LayerFiles => {
    const slug = slugify(layer.name);
    if (layer.kind === 'image') return choices.layers ? { image: names.take(`layer-${slug}`, 'png') } : {};
    const files: LayerFiles = {};
    if (choices.masks) files.mask = names.take(`mask-${slug}`, 'png');
    if (choices.cutouts) files.cutout = names.take(`cutout-${slug}`, 'png');
    return files;
  });
  const psd = choices.psd ? names.take(slugify(doc.name.replace(/\.[A-Za-z0-9]{1,5}$/, ''), 'image'), 'psd') : null;
  return { layers, composite: choices.composite ? COMPOSITE_FILE : null, psd };
}

/** Every file name of a plan, layers.json last (what the export dialog lists). */
export function planFiles(plan: ExportPlan): string[] {
  const out: string[] = [];
  for (const l of plan.layers) for (const f of [l.image, l.mask, l.cutout]) if (f) out.push(f);
  if (plan.composite) out.push(plan.composite);
  if (plan.psd) out.push(plan.psd);
  out.push(MANIFEST_FILE);
  return out;
}
