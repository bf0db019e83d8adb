// Runs in: renderer. Clicks and boxes → segment.run → the selection. Latest-wins per selection: every
// request carries the selection id as `key`, so the engine answers CANCELLED for superseded ones (never
// shown). The prompt of an unanswered click is kept here, so the next click builds on it: a click's
// point is never dropped, and the answer that lands commits prompt + mask as ONE undo step. One
// SegmentSession per document (segment-sessions.ts hands out the current one): nothing of a click's state
// is module-level, so a new document starts clean and the select tool is testable with a session of its own.
import { newLayerId, type AssetId, type LayerId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { AnyfillError } from '../../src-shared/contract/errors';
import { isSamOnly } from '../../src-shared/selection/replay';
import { getApi, isCancelled } from '../core/bridge/api';
import { afterPaint } from '../core/viewport/after-paint';
import {
  buildRunRequest,
  createSelection,
  deselect,
  findSelection,
  getActiveSelection,
  getSelectionUi,
  loadCandidateLogits,
  type Prompt,
  setActiveSelection,
  setSelectionUi,
  updateSelection,
  withBox,
  withPoint,
} from '../selection/api';
import { samFrom } from '../core/bridge/chosen-candidate';
import type { PromptBox, PromptPoint, SegmentRunRequest, SegmentRunResult } from '../core/bridge/segment-types';
import { PressAnswer } from './press-answer';
import { prepareSegment, segmentFailed } from './segment-status';
import { prepareAnswerMask } from './answer-mask';
import type { SelectMode } from '../core/tools/modifiers';

interface Target {
  id: LayerId;
  assetId: AssetId;
  sam: SelectionLayer['sam'];
}

const clickLabels = { new: 'Select: click', add: 'Select: add click', subtract: 'Select: exclude click' } as const;

/** The prompt point a click in `mode` adds: Alt subtracts (an exclude point), the others include. */
const labelled = (point: Omit<PromptPoint, 'label'>, mode: SelectMode): PromptPoint => ({ ...point, label: mode === 'subtract' ? 0 : 1 });

export class SegmentSession {
  /** Prompts sent but not yet answered, per selection (the newest one). */
  private readonly pendingPrompt = new Map<LayerId, { prompt: Prompt; seq: number }>();
  private seq = 0;
  /** Selections a first click started: each joins the document with its first answer (one undo step). */
  private readonly pendingNew = new Map<LayerId, AssetId>();
  /** The last press's answer, for the click its release makes. */
  private readonly press = new PressAnswer<SegmentRunResult>();

  readonly isPendingSelection = (id: LayerId | null | undefined): boolean => !!id && this.pendingNew.has(id);

  /** The document went: answers still on their way find nothing to land on and are dropped. */
  dispose(): void {
    this.pendingPrompt.clear();
    this.pendingNew.clear();
    this.press.forget();
  }

  private async run(target: Target, prompt: Prompt, label: string): Promise<void> {
    const { pendingPrompt, pendingNew } = this;
    const mine = ++this.seq;
    pendingPrompt.set(target.id, { prompt, seq: mine });
    setSelectionUi({ running: getSelectionUi().running + 1 });
    try {
      const req = buildRunRequest(target, prompt);
      const pressed = this.press.take(req);
      const ask = () => getApi().invoke('segment.run', req);
      // The press's answer is this click's (same request). Were it replaced or failed, ask as usual, unless a
      // newer click owns the selection by then: a late request would replace that click's in the engine.
      const superseded = () => Promise.reject(new AnyfillError('CANCELLED', 'Replaced by a newer click.'));
      const r = await (pressed ? pressed.catch(() => (pendingPrompt.get(target.id)?.seq === mine ? ask() : superseded())) : ask());
      if (pendingPrompt.get(target.id)?.seq !== mine) return; // a newer click owns the selection now
      pendingPrompt.delete(target.id);
      const sam = samFrom(r, r.candidates[r.chosen]!.index);
      if (findSelection(target.id)) {
        updateSelection(
          target.id,
          (d) => {
            d.prompt = prompt;
            d.sam = sam;
          },
          label,
        );
      } else if (pendingNew.has(target.id)) {
        pendingNew.delete(target.id);
        // Whatever is open now (a newer click's selection, or nothing after Esc) stays so.
        const open = getSelectionUi().activeId;
        createSelection({ id: target.id, assetId: target.assetId, prompt, sam }, label);
        if (open !== target.id) {
          if (open) setActiveSelection(open);
          else deselect();
        }
      } else {
        return; // deleted (or undone away) meanwhile
      }
      setSelectionUi({
        lastRun: {
          layerId: target.id,
          assetId: target.assetId,
          resultId: r.resultId,
          packId: r.packId,
          placement: r.placement,
          candidates: r.candidates,
        },
      });
      // The other candidates' logits (thumbnails, picking) once this frame is on screen.
      afterPaint(() => void loadCandidateLogits().catch(() => undefined));
      if (getSelectionUi().segment.state !== 'ready') setSelectionUi({ segment: { state: 'ready', packId: r.packId } });
    } catch (err) {
      if (isCancelled(err)) return;
      if (pendingPrompt.get(target.id)?.seq === mine) {
        pendingPrompt.delete(target.id);
        if (pendingNew.delete(target.id) && getSelectionUi().activeId === target.id) setActiveSelection(null);
      }
      segmentFailed(err);
    } finally {
      // Back to 0: the hover preview a press left drawn goes too (hover/hover-actions.ts watches this).
      setSelectionUi({ running: Math.max(0, getSelectionUi().running - 1) });
    }
  }

  /** The open selection on `assetId`, or the one a previous click is starting there; null when none. */
  private openTarget(assetId: AssetId): Target | null {
    const layer = getActiveSelection();
    if (layer) return layer.assetId === assetId ? layer : null;
    const activeId = getSelectionUi().activeId;
    return activeId && this.pendingNew.get(activeId) === assetId ? { id: activeId, assetId, sam: null } : null;
  }

  /**
   * What a click goes to: Shift/Alt (add, subtract) refine the open selection; a plain click starts a new one,
   * as in every editor. [Note: one key, one action] Refining stays one modifier away.
   */
  private targetFor(assetId: AssetId, mode: SelectMode): Target {
    const open = mode === 'new' ? null : this.openTarget(assetId);
    if (open) return open;
    const id = newLayerId();
    this.pendingNew.set(id, assetId);
    setActiveSelection(id);
    return { id, assetId, sam: null };
  }

  private basePrompt(t: Target): Prompt {
    return this.pendingPrompt.get(t.id)?.prompt ?? findSelection(t.id)?.prompt ?? { points: [] };
  }

  /** A click on the image (image pixels of `assetId`): a new selection, or a point added to / taken from the open one. */
  addPoint(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): void {
    void prepareSegment(assetId);
    if (mode === 'subtract' && !this.openTarget(assetId)) return; // nothing open to subtract from
    const t = this.targetFor(assetId, mode);
    void this.run(t, withPoint(this.basePrompt(t), labelled(at, mode)), clickLabels[mode]);
  }

  /** The request a click at `at` in `mode` would send now, without sending it or starting anything (hover preview). */
  clickRequest(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): SegmentRunRequest | null {
    const layer = getActiveSelection();
    const open = mode !== 'new' && layer?.assetId === assetId ? layer : null;
    if (!open && mode === 'subtract') return null;
    const t: Target = open ?? { id: 'hover' as LayerId, assetId, sam: null };
    return buildRunRequest(t, withPoint(open ? this.basePrompt(t) : { points: [] }, labelled(at, mode)));
  }

  /**
   * The button went down at `point`: decode the click it will most likely be while the button is down
   * (the engine's hover lane: it never replaces or delays a click). The answer is a click's answer, held
   * by the engine like one, so a release that asks for exactly this commits it without another round trip:
   * the press's own ~0.1 s hides the decoder. A press that turns into a drag costs one background decode.
   */
  prefetchClick(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): void {
    this.press.forget();
    if (getSelectionUi().segment.state !== 'ready') return;
    const req = this.clickRequest(assetId, at, mode);
    // A refinement from logits the engine no longer holds cannot be prefetched (nothing names them).
    if (!req || (req.previousLowRes && !('resultId' in req.previousLowRes))) return;
    const answer = getApi().invoke('segment.prefetch', { ...req, key: 'press' });
    // A selection with strokes or wand clicks replays them over the logits: its mask is not the answer's alone.
    const layer = mode === 'new' ? null : getActiveSelection();
    if (layer?.assetId !== assetId || isSamOnly(layer)) void answer.then(prepareAnswerMask, () => undefined);
    answer.catch(() => undefined); // a press that is not a click: nobody waits for it
    this.press.remember(req, answer);
  }

  /** A dragged box: a new selection with it, or (Shift) the open selection's box. */
  setBox(assetId: AssetId, box: PromptBox, mode: SelectMode): void {
    void prepareSegment(assetId);
    const t = this.targetFor(assetId, mode);
    void this.run(t, withBox(this.basePrompt(t), box), 'Select: box');
  }
}
