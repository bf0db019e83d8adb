// Runs in: renderer (pure, no DOM: unit-tested in Node). What ONE press of Escape or Enter does, decided in
// one place. [Note: one key, one action] Escape closes the topmost thing first: a modal dialog (it handles
// the key itself), then an open menu, then the tool's gesture or a live preview, then a running job (only
// when nothing else is open), then the candidates, and only then the open selection. A press never does two.

/** What is open or under way when the key goes down. */
export interface KeySituation {
  /** A modal dialog (models, export, extend canvas, shortcuts): the key is its own. */
  readonly dialogOpen: boolean;
  /** An in-page menu popup. */
  readonly menuOpen: boolean;
  /** The active tool is mid-gesture (button down, a box or stroke under way). */
  readonly gesture: boolean;
  /** A mask-operation slider previews an op that is not committed. */
  readonly opPreview: boolean;
  readonly jobRunning: boolean;
  /** Generated candidates wait for Apply or Discard. */
  readonly resultsShown: boolean;
  /** A selection is open for more clicks. */
  readonly selectionOpen: boolean;
  /** The key went to a focused button (Enter presses it) or a text field. */
  readonly onControl: boolean;
}

export type EscapeAction =
  'leave-to-dialog' | 'close-menu' | 'cancel-gesture' | 'cancel-preview' | 'cancel-job' | 'discard-results' | 'deselect' | 'none';

export type EnterAction = 'leave-to-dialog' | 'leave-to-control' | 'close-menu' | 'apply-results' | 'finish-selection' | 'none';

export function escapeAction(s: KeySituation): EscapeAction {
  if (s.dialogOpen) return 'leave-to-dialog';
  if (s.menuOpen) return 'close-menu';
  if (s.gesture) return 'cancel-gesture';
  if (s.opPreview) return 'cancel-preview';
  if (s.jobRunning) return 'cancel-job';
  if (s.resultsShown) return 'discard-results';
  if (s.selectionOpen) return 'deselect';
  return 'none';
}

export function enterAction(s: KeySituation): EnterAction {
  if (s.dialogOpen) return 'leave-to-dialog';
  // A focused menu item or button is pressed by Enter itself.
  if (s.onControl) return 'leave-to-control';
  if (s.menuOpen) return 'close-menu';
  if (s.resultsShown) return 'apply-results';
  if (s.selectionOpen) return 'finish-selection';
  return 'none';
}
