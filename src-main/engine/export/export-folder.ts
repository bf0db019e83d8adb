// Runs in: engine process. The layered export into a folder (issue 6): each image layer as a PNG, each
// selection's mask and cut-out, the composite, a PSD, and layers.json saying where each one sits.
// The browser host zips this folder; the desktop app and `anyfill export --project` write it in place.
import {
  DEFAULT_EXPORT_CHOICES,
  type ExportChoices,
  type LayersManifest,
  type ManifestLayer,
} from '../../../src-shared/contract/export-payloads';
import type { EditorDocument, ImageLayer, SelectionLayer } from '../../../src-shared/document/types';
import { MANIFEST_FILE, planExport, type LayerFiles } from '../../../src-shared/export/file-names';
import type { EngineContext } from '../engine-context';
import { selectionMaskOffThread } from '../selection/mask-off-thread';
import { compositeDocument, encodePng } from './composite-document';
import { FolderWriter } from './folder-writer';
import { buildLayeredPsd } from './export-psd';
import { encodeExportPng } from './png-out';
import { cutOut, selectionOrigin } from './selection-parts';
import { hasSourceMeta, readSourceMeta, type SourceMeta } from './source-meta';

export type { LayersManifest } from '../../../src-shared/contract/export-payloads';

export interface FolderOptions {
  /** Write the PSD here instead of into the folder (the browser host downloads it apart from the zip). */
  psdPath?: string;
  /** How errors name the folder (the browser host's staging folder is no place the user knows). */
  folderLabel?: string;
}

export async function exportLayersToFolder(
  ctx: EngineContext,
  document: EditorDocument,
  dir: string,
  choices: Partial<ExportChoices> = {},
  options: FolderOptions = {},
): Promise<LayersManifest> {
  const c: ExportChoices = { ...DEFAULT_EXPORT_CHOICES, ...choices };
  const plan = planExport(document, c);
  const out = new FolderWriter(dir, options.folderLabel);
  await out.ready();
  // Made once, when first needed: cut-outs take what is seen, and composite.png and the PSD show it.
  let composite: Promise<Buffer> | undefined;
  const visible = (): Promise<Buffer> => (composite ??= compositeDocument(ctx.services.assets, document));
  const layers: ManifestLayer[] = [];
  for (const [index, layer] of document.layers.entries()) {
    const files = plan.layers[index] ?? {};
    const base = { index, id: layer.id, name: layer.name, visible: layer.visible };
    layers.push(
      layer.kind === 'image'
        ? await writeImage(ctx, out, layer, files, base)
        : await writeSelection(ctx, out, document, layer, files, base, visible),
    );
  }

  const manifest: LayersManifest = {
    version: 1,
    document: { name: document.name, width: document.width, height: document.height },
    composite: plan.composite,
    layers,
    files: [],
  };
  if (plan.composite || plan.psd) {
    const rgba = await visible();
    if (plan.composite) {
      // The first image's profile and EXIF: the document is that photo with edits on top.
      const first = document.layers.find((l) => l.kind === 'image');
      const meta: SourceMeta = first ? await readSourceMeta(ctx.services.assets, first.assetId) : {};
      const png = hasSourceMeta(meta)
        ? await encodeExportPng({ data: rgba, width: document.width, height: document.height, channels: 4 }, meta)
        : await encodePng(rgba, document.width, document.height);
      await out.write(plan.composite, png);
    }
    if (plan.psd) {
      const psd = await buildLayeredPsd(ctx.services.assets, document, rgba);
      if (options.psdPath) await out.writeAt(options.psdPath, psd);
      else {
        await out.write(plan.psd, psd);
        manifest.psd = plan.psd;
      }
    }
  }
  manifest.files = [...out.files, MANIFEST_FILE]; // listed in itself: `files` is the folder's whole content
  await out.write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

type Base = Pick<ManifestLayer, 'index' | 'id' | 'name' | 'visible'>;

async function writeImage(ctx: EngineContext, out: FolderWriter, layer: ImageLayer, files: LayerFiles, base: Base): Promise<ManifestLayer> {
  const entry: ManifestLayer = {
    ...base,
    kind: 'image',
    file: files.image ?? null,
    x: layer.x,
    y: layer.y,
    width: layer.width,
    height: layer.height,
    opacity: layer.opacity,
  };
  if (!files.image) return entry;
  const { pixels } = await ctx.services.assets.ensureDecoded(layer.assetId);
  // An opened photo keeps its profile and EXIF; results (fills) are the engine's own sRGB pixels with neither.
  const meta = await readSourceMeta(ctx.services.assets, layer.assetId);
  await out.write(files.image, await encodeExportPng(pixels, meta));
  return { ...entry, width: pixels.width, height: pixels.height, ...(hasSourceMeta(meta) ? { sourceProfile: true } : {}) };
}

async function writeSelection(
  ctx: EngineContext,
  out: FolderWriter,
  doc: EditorDocument,
  layer: SelectionLayer,
  files: LayerFiles,
  base: Base,
  visible: () => Promise<Buffer>,
): Promise<ManifestLayer> {
  const { pixels } = await ctx.services.assets.ensureDecoded(layer.assetId);
  const origin = selectionOrigin(doc, layer);
  const entry: ManifestLayer = {
    ...base,
    kind: 'selection',
    file: files.mask ?? null,
    ...origin,
    width: pixels.width,
    height: pixels.height,
    opacity: 1,
  };
  if (!files.mask && !files.cutout) return entry;
  const mask = await selectionMaskOffThread(layer, pixels);
  if (files.mask) {
    const grey = Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength);
    await out.write(files.mask, await encodeExportPng({ data: grey, width: mask.width, height: mask.height, channels: 1 }));
    entry.mask = files.mask;
  }
  const seen = files.cutout ? { data: await visible(), width: doc.width, height: doc.height, channels: 4 as const } : null;
  const cut = seen ? cutOut(seen, mask, origin) : null;
  if (files.cutout && cut) {
    const { rect } = cut;
    await out.write(
      files.cutout,
      await encodeExportPng({ data: cut.rgba, width: rect.width, height: rect.height, channels: 4 }, {}, { keepAlpha: true }),
    );
    entry.cutout = { file: files.cutout, x: origin.x + rect.x, y: origin.y + rect.y, width: rect.width, height: rect.height };
  }
  return entry;
}
