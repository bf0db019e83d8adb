// Runs in: renderer (only with ?test in the URL, or in a dev build). A read-only window for e2e tests:
// state snapshots, the image layer's pixels and the viewport transform. Nothing here changes the editor.
// The one hook: e2e files type window.__anyfillTest from AnyfillTestWindow (their snapshot shape as State).
import { imageToScreen, screenToImage, type Point } from './core/viewport/viewport';
import { stageRefs } from './core/viewport/stage-refs';
import { getState } from './core/state/editor-store';
import type { LayerId } from '../src-shared/document/ids';
import { findSelection } from './selection/selection-actions';
import { getSelectionUi } from './selection/selection-store';
import { previewMask } from './selection/preview-mask';
import { getApi } from './core/bridge/api';
import { getHover } from './hover/hover-store';
import { hoverCounts } from './hover/hover-runner';
import { lowResToMask } from '../src-shared/masks';
import { getGenerate } from './generate/generate-store';
import { getProject } from './project/project-store';
import { isDirty } from './project/dirty';
import { autosaveIdle } from './project/autosave';
import { maskOpsTestAccess, type MaskOpsTestAccess } from './mask-ops/test-access';

/** Ids of layers whose Konva.Image has its proxy loaded, i.e. what the canvas can draw right now. */
function renderedLayerIds(): string[] {
  const layer = stageRefs.imageLayer;
  if (!layer) return [];
  return layer
    .find('.document-image')
    .filter((n) => n.getAttr('image'))
    .map((n) => n.id());
}

/** `State`: the part of the getState() snapshot a test reads, typed as that test needs it. */
export interface AnyfillTestHook<State = unknown> {
  getState(): State;
  imageLayerCanvas(): HTMLCanvasElement | null;
  imageToScreen(x: number, y: number): Point;
  screenToImage(x: number, y: number): Point;
  sampleImageLayer(x: number, y: number): [number, number, number, number] | null;
  /** A selection's mask (with its ops) at width × height, 0..255 row-major; null for an unknown layer. */
  selectionMask(layerId: string, width: number, height: number): Promise<number[] | null>;
  /** The selection open for more clicks (or being started by a click not yet answered). */
  activeSelectionId(): string | null;
  /** segment.run requests still in flight. */
  selectionRunning(): number;
  /** The engine's full-resolution mask of a selection (selection.mask): a URL of its 8-bit PNG. */
  selectionFullResUrl(layerId: string): Promise<string | null>;
  /** Undo steps available: a cheap read for per-frame polling (getState clones the whole document). */
  historySize(): number;
  /** The hover preview's mask at width × height (0 / 255, row-major); null when none is shown. */
  hoverMask(width: number, height: number): number[] | null;
  /** Hover requests sent and answers shown since the page loaded. */
  hoverCounts(): { sent: number; shown: number };
  /** Generative fill: the plan drawn on the canvas, the candidates and what the canvas shows of them. */
  generate(): GenerateView;
  /** Extend Canvas: the new canvas outlined on the canvas (document pixels); null when none is drawn. */
  outpaintPreview(): { x: number; y: number; width: number; height: number } | null;
  /** The learned eraser's crops outlined on the canvas (image pixels), in drawing order; [] when none. */
  eraseCrops(): Array<{ x: number; y: number; width: number; height: number }>;
  /** Projects: autosaves written since load, unsaved changes, the recovery copies offered. */
  project(): { autosaves: number; lastAutosave: string | null; dirty: boolean; offers: string[] };
  /** The engine's recovery copies now (project.recoverable), after queued autosaves and discards ended. */
  recoverable(): Promise<Array<{ documentId: string; name: string }>>;
  /** Mask operations: the live preview's ops and a selection's mask with its own or the preview's ops. */
  readonly maskOps: MaskOpsTestAccess;
}

/** The page's window as the e2e tests see it. */
export interface AnyfillTestWindow<State = unknown> {
  readonly __anyfillTest: AnyfillTestHook<State>;
}

export interface GenerateView {
  plan: { cropRect: { x: number; y: number; width: number; height: number }; processingSize: { width: number; height: number } } | null;
  /** The dashed plan rectangle is on the canvas. */
  planShown: boolean;
  candidates: Array<{ assetId: string; seed: number; x: number; y: number; width: number; height: number }> | null;
  chosen: number;
  peek: boolean;
  split: number;
  /** The chosen candidate's overlay node is on the canvas and visible. */
  candidateShown: boolean;
}

export function installTestHook(): void {
  const hook: AnyfillTestHook = {
    getState() {
      const s = getState();
      // A structured-clone-friendly copy: tests read it through page.evaluate.
      return structuredClone({
        document: s.document,
        viewport: s.viewport,
        userZoomed: s.userZoomed,
        stageSize: s.stageSize,
        activeLayerId: s.activeLayerId,
        activeTool: s.activeTool,
        toolPath: s.toolPath,
        engine: s.engine,
        connection: s.connection,
        busy: s.busy,
        messages: s.messages,
        /** Undo steps available (the redo count and labels are in `history`). */
        historySize: s.history.undo.length,
        history: {
          undo: s.history.undo.map((e) => e.label),
          redo: s.history.redo.map((e) => e.label),
          gestureOpen: s.history.pending !== null,
        },
        assets: s.assets,
        renderedLayerIds: renderedLayerIds(),
        pixelRatio: stageRefs.imageLayer?.getCanvas().getPixelRatio() ?? window.devicePixelRatio,
      });
    },
    imageLayerCanvas() {
      const layer = stageRefs.imageLayer;
      if (!layer) return null;
      layer.draw(); // Konva batches draws to the next frame; make the pixels current before they are read
      return layer.getNativeCanvasElement();
    },
    // "Screen" = CSS pixels from the canvas container's top-left (add its bounding box for page.mouse).
    imageToScreen: (x, y) => imageToScreen(getState().viewport, { x, y }),
    screenToImage: (x, y) => screenToImage(getState().viewport, { x, y }),
    sampleImageLayer(x, y) {
      const canvas = hook.imageLayerCanvas();
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return null;
      const p = imageToScreen(getState().viewport, { x, y });
      const ratio = canvas.width / Math.max(1, stageRefs.container?.clientWidth ?? canvas.width);
      const px = Math.floor(p.x * ratio);
      const py = Math.floor(p.y * ratio);
      if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) return null;
      const d = ctx.getImageData(px, py, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]!];
    },
    async selectionMask(layerId, width, height) {
      const layer = findSelection(layerId as LayerId);
      if (!layer) return null;
      return Array.from((await previewMask(layer, width, height)).data);
    },
    activeSelectionId: () => getSelectionUi().activeId,
    selectionRunning: () => getSelectionUi().running,
    async selectionFullResUrl(layerId) {
      const layer = findSelection(layerId as LayerId);
      if (!layer) return null;
      const { mask } = await getApi().invoke('selection.mask', { selection: layer });
      return getApi().fileUrl(mask.path);
    },
    historySize: () => getState().history.undo.length,
    hoverMask(width, height) {
      const shown = getHover().shown;
      return shown ? Array.from(lowResToMask(shown.logits, shown.placement, width, height)) : null;
    },
    hoverCounts: () => ({ ...hoverCounts }),
    project() {
      const p = getProject();
      const s = getState();
      return {
        autosaves: p.autosaves,
        lastAutosave: p.lastAutosave,
        dirty: isDirty(s.document, s.history, p.saved),
        offers: p.offers.map((o) => o.documentId),
      };
    },
    async recoverable() {
      await autosaveIdle();
      const { projects } = await getApi().invoke('project.recoverable', {});
      return projects.map((p) => ({ documentId: p.documentId, name: p.name }));
    },
    generate() {
      const g = getGenerate();
      const stage = stageRefs.stage;
      const node = stage?.findOne('#generate-candidate');
      return {
        plan: g.plan && { cropRect: { ...g.plan.cropRect }, processingSize: { ...g.plan.processingSize } },
        planShown: Boolean(stage?.findOne('#generate-plan')),
        candidates:
          g.results &&
          g.results.candidates.map((c) => ({
            assetId: c.asset.id,
            seed: c.seed,
            x: c.x,
            y: c.y,
            width: c.asset.width,
            height: c.asset.height,
          })),
        chosen: g.results?.chosen ?? -1,
        peek: g.peek,
        split: g.split,
        candidateShown: Boolean(node?.isVisible()),
      };
    },
    outpaintPreview() {
      const group = stageRefs.stage?.findOne('#outpaint-preview');
      const rect = stageRefs.stage?.findOne('#outpaint-preview-rect');
      return group && rect ? { x: group.x(), y: group.y(), width: rect.width(), height: rect.height() } : null;
    },
    eraseCrops: () =>
      (stageRefs.stage?.find('.erase-crop') ?? []).map((n) => ({ x: n.x(), y: n.y(), width: n.width(), height: n.height() })),
    maskOps: Object.freeze(maskOpsTestAccess()),
  };
  Object.defineProperty(window, '__anyfillTest', { value: Object.freeze(hook), configurable: false, writable: false });
}
