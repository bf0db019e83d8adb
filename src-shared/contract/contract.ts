// Runs in: every process. [Note: contract] The single list of channels and events.
// Main, preload, the browser host, the engine and the renderer all derive their types from this
// object; a channel that is not listed here cannot be invoked (tsc fails, and at run time the
// receiving side answers BAD_REQUEST).
import { z } from 'zod';
import { AssetIdSchema, DocumentIdSchema, ExportIdSchema, JobIdSchema, StagedFileIdSchema } from '../document/ids';
import {
  FillRequestSchema,
  FillResultSchema,
  JobProgressSchema,
  SelectionMaskRequestSchema,
  SelectionMaskResultSchema,
} from './job-payloads';
import { EditorDocumentSchema } from '../document/types';
import { AnyfillErrorSchema } from './errors';
import {
  AppInfoSchema,
  AssetInfoSchema,
  EngineStateSchema,
  ExportResultSchema,
  MenuEntrySchema,
  SessionFileSchema,
  StagedFileSchema,
} from './payloads';
import {
  DownloadProgressSchema,
  ModelsListSchema,
  ModelsPreferRequestSchema,
  PackStatusSchema,
  VerifyResultSchema,
} from './model-payloads';
import { PackIdSchema } from '../models/catalog-schema';
import { DetectRequestSchema, DetectResultSchema } from './detect-payloads';
import { ErasePlanRequestSchema, ErasePlanSchema } from './erase-payloads';
import {
  ExportFormatSchema,
  ExportLayersRequestSchema,
  ExportLayersResultSchema,
  ExportLayersToRequestSchema,
  ExportLayersToResultSchema,
} from './export-payloads';
import { GenerateEstimateRequestSchema, GenerateEstimateSchema } from './estimate-payloads';
import {
  InpaintPlanRequestSchema,
  InpaintPlanSchema,
  InpaintRequestSchema,
  InpaintResultSchema,
  OutpaintRequestSchema,
  OutpaintResultSchema,
} from './diffusion-payloads';
import {
  SegmentEverythingRequestSchema,
  SegmentEverythingResultSchema,
  SegmentCandidatesRequestSchema,
  SegmentCandidatesResultSchema,
  SegmentFullResRequestSchema,
  SegmentFullResResultSchema,
  SegmentPrepareSchema,
  SegmentRunRequestSchema,
  SegmentRunResultSchema,
} from './segment-payloads';

import {
  ProjectAutosavedSchema,
  ProjectAutosaveRequestSchema,
  ProjectOpenedSchema,
  ProjectOpenPathRequestSchema,
  ProjectOpenRequestSchema,
  ProjectRecoverableSchema,
  ProjectReattachedSchema,
  ProjectReattachRequestSchema,
  ProjectRecoverRequestSchema,
  ProjectSavedSchema,
  ProjectSaveRequestSchema,
  ProjectSaveToRequestSchema,
  ProjectSaveToResultSchema,
} from './project-payloads';

import { CHANNEL_OWNERS, EVENT_NAMES, type ChannelOwner } from './names';
import { LayerClearRequestSchema, LayerClearResultSchema } from './layer-payloads';

export { channelNames, isChannelName, isEventName, ownerOf, type ChannelOwner } from './names';

const empty = z.object({}).strict();
const proxySide = z.number().int().min(64).max(8192);

export const channels = {
  /** Versions, execution providers, models folder, engine pid and memory. */
  'app.info': { owner: 'engine', request: empty, response: AppInfoSchema },
  /** Open a staged file: validate, sniff, check the pixel cap, make a proxy; full decode continues. */
  'image.open': {
    owner: 'engine',
    request: z
      .object({ fileId: StagedFileIdSchema, name: z.string().min(1).max(260), maxProxySide: proxySide, allowLarge: z.boolean().optional() })
      .strict(),
    response: z.object({ asset: AssetInfoSchema, proxy: SessionFileSchema }),
  },
  /** A proxy of an asset at another size (e.g. after the window grew). Reloads the asset after an engine restart. */
  'image.proxy': {
    owner: 'engine',
    request: z.object({ assetId: AssetIdSchema, maxSide: proxySide }).strict(),
    response: SessionFileSchema,
  },
  /** Resolves once the asset's full-resolution pixels are decoded and held by the engine. */
  'image.decoded': {
    owner: 'engine',
    request: z.object({ assetId: AssetIdSchema }).strict(),
    response: z.object({ assetId: AssetIdSchema, width: z.number().int(), height: z.number().int(), decodeMs: z.number() }),
  },
  /** Forget an asset's pixels (document closed). */
  'image.release': { owner: 'engine', request: z.object({ assetId: AssetIdSchema }).strict(), response: empty },
  /** Composite the visible layers at full resolution into a PNG in the session folder. */
  'document.exportPng': {
    owner: 'engine',
    request: z.object({ document: EditorDocumentSchema }).strict(),
    response: ExportResultSchema,
  },
  /** Layered export: the layers, masks, cut-outs and composite as PNGs + layers.json in one zip, and a PSD. */
  'document.exportLayers': { owner: 'engine', request: ExportLayersRequestSchema, response: ExportLayersResultSchema },
  /** Hosts and the CLI: the same layered export written into a folder on disk. */
  'document.exportLayersTo': { owner: 'internal', request: ExportLayersToRequestSchema, response: ExportLayersToResultSchema },
  /** Save the document as an .anyfill project into exports/ (browser download or shell.saveExport). */
  'project.save': { owner: 'engine', request: ProjectSaveRequestSchema, response: ProjectSavedSchema },
  /** Hosts only: save the document to a path the user picked (temp + fsync + rename, one .bak, read back). */
  'project.saveTo': { owner: 'internal', request: ProjectSaveToRequestSchema, response: ProjectSaveToResultSchema },
  /** Open a staged .anyfill: checked, migrated, every asset registered anew (new AssetIds in the document). */
  'project.open': { owner: 'engine', request: ProjectOpenRequestSchema, response: ProjectOpenedSchema },
  /** Hosts only: project.open from a path (Electron's open dialog, the CLI). */
  'project.openPath': { owner: 'internal', request: ProjectOpenPathRequestSchema, response: ProjectOpenedSchema },
  /**
   * A crash-recovery copy of the document in the recovery folder (never the user's file). The renderer
   * calls it a few seconds after the last change, and project.discardRecovery after a save or close.
   */
  'project.autosave': { owner: 'engine', request: ProjectAutosaveRequestSchema, response: ProjectAutosavedSchema },
  /** Recovery copies left by a previous run (a crash): offer them on start, newest first. */
  'project.recoverable': { owner: 'engine', request: empty, response: ProjectRecoverableSchema },
  /** Open a recovery copy like project.open; the copy stays until project.discardRecovery. */
  'project.recover': { owner: 'engine', request: ProjectRecoverRequestSchema, response: ProjectOpenedSchema },
  /** After a restart: make the session hold every asset of the open document again, from its recovery copy. */
  'project.reattach': { owner: 'engine', request: ProjectReattachRequestSchema, response: ProjectReattachedSchema },
  /** Delete a document's recovery copy (after a save or close, or when the user declines to restore). */
  'project.discardRecovery': { owner: 'engine', request: z.object({ documentId: DocumentIdSchema }).strict(), response: empty },
  /** Compute (or load from cache) the image embedding for a SAM pack; image.open starts this by itself. */
  'segment.prepare': {
    owner: 'engine',
    request: z.object({ assetId: AssetIdSchema, packId: PackIdSchema.optional() }).strict(),
    response: SegmentPrepareSchema,
  },
  /** One click, box or refinement: only the decoder runs; candidates come back as compact low-res logits. */
  'segment.run': { owner: 'engine', request: SegmentRunRequestSchema, response: SegmentRunResultSchema },
  /**
   * The button went down: decode the click it will most likely be (hover lane: never replaces a click),
   * answered and held as that click. A release with the same request commits this answer; a click sent
   * anyway with the same prompt takes this decode instead of running its own.
   */
  'segment.prefetch': { owner: 'engine', request: SegmentRunRequestSchema, response: SegmentRunResultSchema },
  /** The logits of every candidate of a held click result (a click's reply may carry the chosen one only). */
  'segment.candidates': { owner: 'engine', request: SegmentCandidatesRequestSchema, response: SegmentCandidatesResultSchema },
  /** A held result's candidate as a full-resolution 8-bit PNG mask in the session folder. */
  'segment.fullRes': { owner: 'engine', request: SegmentFullResRequestSchema, response: SegmentFullResResultSchema },
  /** Select everything: every distinct object the model is sure of, as instances to turn into selections. */
  'segment.everything': { owner: 'engine', request: SegmentEverythingRequestSchema, response: SegmentEverythingResultSchema },
  /** Find objects named in a text prompt ("red car. tree"): numbered boxes with label and score. */
  'detect.run': { owner: 'engine', request: DetectRequestSchema, response: DetectResultSchema },
  /** A selection's mask at full resolution (logits → wand → strokes → ops) as a PNG in the session folder. */
  'selection.mask': { owner: 'engine', request: SelectionMaskRequestSchema, response: SelectionMaskResultSchema },
  /** Delete on a result layer: its pixels under a selection made transparent, as a new asset. */
  'layer.clear': { owner: 'engine', request: LayerClearRequestSchema, response: LayerClearResultSchema },
  /** Content-aware fill of a selection from the rest of the image (no model): a job, see job.progress. */
  'fill.run': { owner: 'engine', request: FillRequestSchema, response: FillResultSchema },
  /** Generative fill (SD inpainting) of a selection from a prompt: a job, see job.progress. */
  'inpaint.run': { owner: 'engine', request: InpaintRequestSchema, response: InpaintResultSchema },
  /** Where inpaint.run would work and at what resolution, to show before generating. */
  'inpaint.plan': { owner: 'engine', request: InpaintPlanRequestSchema, response: InpaintPlanSchema },
  /** The crops a learned eraser (MI-GAN) would run on for a selection, to outline before Remove. */
  'erase.plan': { owner: 'engine', request: ErasePlanRequestSchema, response: ErasePlanSchema },
  /** Extend the canvas by pixels per side or to an aspect ratio, filled from a prompt: a job. */
  'outpaint.run': { owner: 'engine', request: OutpaintRequestSchema, response: OutpaintResultSchema },
  /** How long a generation would take here, before it starts, and faster settings when that is long. */
  'generate.estimate': { owner: 'engine', request: GenerateEstimateRequestSchema, response: GenerateEstimateSchema },
  /** Stop a queued or running job; its request then fails with CANCELLED. found: false when it already ended. */
  'job.cancel': { owner: 'engine', request: z.object({ jobId: JobIdSchema }).strict(), response: z.object({ found: z.boolean() }) },
  /** The catalog and what is on disk: states, sizes, licences, the device each family runs on. */
  'models.list': { owner: 'engine', request: empty, response: ModelsListSchema },
  /** Choose the installed SAM pack Select uses (Models window); NOT_FOUND / BAD_REQUEST for other packs. */
  'models.prefer': { owner: 'engine', request: ModelsPreferRequestSchema, response: empty },
  /** Download (or resume) a pack; resolves when it is installed and verified. Progress: models.progress. */
  'models.download': {
    owner: 'engine',
    request: z.object({ packId: PackIdSchema, endpoint: z.string().url().optional() }).strict(),
    response: PackStatusSchema,
  },
  /** Stop a download; its partial files stay for a later resume. */
  'models.cancel': { owner: 'engine', request: z.object({ packId: PackIdSchema }).strict(), response: empty },
  /** Delete an installed pack and its partial downloads. */
  'models.remove': { owner: 'engine', request: z.object({ packId: PackIdSchema }).strict(), response: empty },
  /** Re-hash every file of an installed pack against its manifest. */
  'models.verify': { owner: 'engine', request: z.object({ packId: PackIdSchema }).strict(), response: VerifyResultSchema },
  /** Hosts only: copy a pack from a local folder (checked like a download). */
  'models.import': { owner: 'internal', request: z.object({ folder: z.string().min(1).max(4096) }).strict(), response: PackStatusSchema },
  /** Electron: pick a folder with a native dialog and import the pack in it. null when cancelled. */
  'shell.importModels': { owner: 'shell', request: empty, response: PackStatusSchema.nullable() },
  /** Electron: copy dropped/pasted bytes into the session inbox (the browser host uses HTTP upload). */
  'shell.stageBytes': {
    owner: 'shell',
    request: z.object({ name: z.string().min(1).max(260), bytes: z.instanceof(Uint8Array) }).strict(),
    response: StagedFileSchema,
  },
  /** Electron: native open dialog; the picked file is staged. null when cancelled. */
  'shell.pickImage': { owner: 'shell', request: empty, response: StagedFileSchema.nullable() },
  /** Electron: native save dialog, then copy the export there. */
  'shell.saveExport': {
    owner: 'shell',
    request: z
      .object({ exportId: ExportIdSchema, suggestedName: z.string().min(1).max(260), format: ExportFormatSchema.optional() })
      .strict(),
    response: z.object({ saved: z.boolean(), where: z.string().optional() }),
  },
  /** Electron: rebuild the native menu from the renderer's command registry. */
  'shell.setMenu': { owner: 'shell', request: z.object({ entries: z.array(MenuEntrySchema).max(200) }).strict(), response: empty },
  /** Electron: recently opened files (names only; paths stay in main). */
  'shell.recentFiles': {
    owner: 'shell',
    request: empty,
    response: z.object({ files: z.array(z.object({ index: z.number().int(), name: z.string() })) }),
  },
  /** Electron: stage a recent file by its index in shell.recentFiles. */
  'shell.openRecent': {
    owner: 'shell',
    request: z.object({ index: z.number().int().min(0).max(50) }).strict(),
    response: StagedFileSchema,
  },
  /** Electron: the user answered the unsaved-work question for a close or Quit that main held: go on with it. */
  'shell.closeWindow': { owner: 'shell', request: empty, response: empty },
} as const satisfies Record<string, { owner: ChannelOwner; request: z.ZodType; response: z.ZodType }>;

export const events = {
  /** The engine process's life: shown in the status bar. */
  'engine.status': z.object({
    state: EngineStateSchema,
    restarts: z.number().int().nonnegative(),
    message: z.string().optional(),
  }),
  /** Full-resolution decode of an asset finished (or failed after the proxy was shown). */
  'asset.decoded': z.object({
    assetId: AssetIdSchema,
    ok: z.boolean(),
    decodeMs: z.number().optional(),
    error: AnyfillErrorSchema.optional(),
  }),
  /** The embedding an opened image's segmentation needs is ready (clicks now answer at decoder speed). */
  'segment.ready': z.object({
    assetId: AssetIdSchema,
    packId: PackIdSchema,
    ms: z.number(),
    cached: z.enum(['memory', 'disk', 'computed']),
  }),
  /** A pack download's progress: bytes, speed, ETA, and its end (done, failed, cancelled). */
  'models.progress': DownloadProgressSchema,
  /** A job's progress: queued, each unit of work with an ETA, and its end. */
  'job.progress': JobProgressSchema,
  /** Electron: a native menu item was clicked; the renderer runs the command. */
  'menu.command': z.object({
    id: z.string(),
    /** File › Open Recent: which entry of shell.recentFiles. */ index: z.number().int().min(0).max(50).optional(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;

// The zod-free name lists in names.ts must say exactly what this file says (checked by tsc, both ways).
const ownersMatch: { [C in ChannelName]: Channels[C]['owner'] } = CHANNEL_OWNERS;
const namesMatch: { [C in keyof typeof CHANNEL_OWNERS]: unknown } = channels;
const eventsMatch: ReadonlyArray<keyof typeof events> = EVENT_NAMES;
const eventsComplete: { [E in keyof typeof events]: E } = Object.fromEntries(EVENT_NAMES.map((e) => [e, e])) as {
  [E in (typeof EVENT_NAMES)[number]]: E;
};
void [ownersMatch, namesMatch, eventsMatch, eventsComplete];
/** Channels the engine answers: those the renderer may call, and the host-only ones. */
export type EngineChannelName = { [C in ChannelName]: Channels[C]['owner'] extends 'engine' | 'internal' ? C : never }[ChannelName];
/** What a caller sends: the parsed shape, so branded ids must be real ids (a LayerId is no AssetId). */
export type RequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;
