// Runs in: renderer. The Escape and Enter commands: read what is open now, let key-priority.ts decide, do
// that one thing. [Note: one key, one action] No other module listens for these two keys (text fields and
// modal dialogs keep their own: the key is theirs while they have it).
import { cancelLatestJob } from '../../jobs/job-actions';
import { getJobs } from '../../jobs/job-store';
import { applyCandidate, discardResults } from '../../generate/results-actions';
import { getGenerate } from '../../generate/generate-store';
import { getModels } from '../../models/models-store';
import { deselect } from '../../selection/select-commands';
import { getSelectionUi } from '../../selection/selection-store';
import { getState } from '../../core/state/editor-store';
import { getKeyTargets } from '../../core/commands/key-targets';
import { enterAction, escapeAction, type KeySituation } from './key-priority';

/** What is open now; `target` is where the key went (null: a menu or the sheet ran the command). */
export function keySituation(target: EventTarget | null): KeySituation {
  const keys = getKeyTargets();
  const el = target instanceof HTMLElement ? target : null;
  return {
    dialogOpen: getModels().open || document.querySelector('dialog[open], [aria-modal="true"]') !== null,
    menuOpen: keys.closeMenu !== null,
    gesture: !getState().toolPath.endsWith('.idle'),
    opPreview: keys.cancelPreview !== null && getSelectionUi().preview !== null,
    jobRunning: getJobs().some((j) => !j.cancelling),
    resultsShown: getGenerate().results !== null,
    selectionOpen: getSelectionUi().activeId !== null,
    onControl: el !== null && (el instanceof HTMLButtonElement || el.closest('[role="menu"]') !== null),
  };
}

/** Escape: true when the key was used (the caller then claims it). */
export function pressEscape(target: EventTarget | null = null): boolean {
  const keys = getKeyTargets();
  switch (escapeAction(keySituation(target))) {
    case 'close-menu':
      keys.closeMenu?.();
      return true;
    case 'cancel-gesture':
      keys.cancelGesture?.();
      return true;
    case 'cancel-preview':
      keys.cancelPreview?.();
      return true;
    case 'cancel-job':
      return cancelLatestJob();
    case 'discard-results':
      discardResults();
      return true;
    case 'deselect':
      deselect();
      return true;
    default:
      return false;
  }
}

/** Enter: true when the key was used. */
export function pressEnter(target: EventTarget | null = null): boolean {
  switch (enterAction(keySituation(target))) {
    case 'close-menu':
      getKeyTargets().closeMenu?.();
      return true;
    case 'apply-results':
      applyCandidate();
      return true;
    case 'finish-selection':
      deselect();
      return true;
    default:
      return false;
  }
}
