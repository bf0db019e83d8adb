// Runs in: vitest (node). One key, one action: what one press of Escape or Enter does for each combination
// of open things (the decision is pure: commands/key-priority.ts), the selection modifiers every tool
// shares, and the shortcut sheet made from the real command registry.
import { describe, expect, it } from 'vitest';
import { enterAction, escapeAction, type KeySituation } from '../../../src-renderer/shell/commands/key-priority';
import { selectModeOf } from '../../../src-renderer/core/tools/modifiers';

const nothing: KeySituation = {
  dialogOpen: false,
  menuOpen: false,
  gesture: false,
  opPreview: false,
  jobRunning: false,
  resultsShown: false,
  selectionOpen: false,
  onControl: false,
};
const all: KeySituation = {
  dialogOpen: true,
  menuOpen: true,
  gesture: true,
  opPreview: true,
  jobRunning: true,
  resultsShown: true,
  selectionOpen: true,
  onControl: true,
};
const be = (s: Partial<KeySituation>): KeySituation => ({ ...nothing, ...s });

describe('Escape: the topmost open thing first, one thing per press', () => {
  it('a dialog keeps the key, then a menu, the gesture, a preview, a job, the candidates, the selection', () => {
    // Peel the situation one layer per press, as a user pressing Escape repeatedly would.
    const order: string[] = [];
    let s: KeySituation = { ...all, onControl: false };
    const peel: Record<string, keyof KeySituation> = {
      'leave-to-dialog': 'dialogOpen',
      'close-menu': 'menuOpen',
      'cancel-gesture': 'gesture',
      'cancel-preview': 'opPreview',
      'cancel-job': 'jobRunning',
      'discard-results': 'resultsShown',
      deselect: 'selectionOpen',
    };
    for (let a = escapeAction(s); a !== 'none'; a = escapeAction(s)) {
      order.push(a);
      s = { ...s, [peel[a]!]: false };
    }
    expect(order).toEqual([
      'leave-to-dialog',
      'close-menu',
      'cancel-gesture',
      'cancel-preview',
      'cancel-job',
      'discard-results',
      'deselect',
    ]);
  });

  it('with a menu open a running job keeps running; the next press cancels it and keeps the selection', () => {
    expect(escapeAction(be({ menuOpen: true, jobRunning: true, selectionOpen: true }))).toBe('close-menu');
    expect(escapeAction(be({ jobRunning: true, selectionOpen: true }))).toBe('cancel-job');
    expect(escapeAction(be({ selectionOpen: true }))).toBe('deselect');
  });

  it('a modal dialog over a running job: the dialog only (its own cancel closes it)', () => {
    expect(escapeAction(be({ dialogOpen: true, jobRunning: true }))).toBe('leave-to-dialog');
  });

  it('a box being dragged is cancelled before the job behind it, and candidates wait for the job', () => {
    expect(escapeAction(be({ gesture: true, jobRunning: true }))).toBe('cancel-gesture');
    expect(escapeAction(be({ jobRunning: true, resultsShown: true }))).toBe('cancel-job');
    expect(escapeAction(nothing)).toBe('none');
  });
});

describe('Enter', () => {
  it('a focused button or a dialog keeps it; otherwise candidates are applied before the selection is finished', () => {
    expect(enterAction(be({ onControl: true, resultsShown: true }))).toBe('leave-to-control');
    expect(enterAction(be({ dialogOpen: true, resultsShown: true }))).toBe('leave-to-dialog');
    expect(enterAction(be({ menuOpen: true, selectionOpen: true }))).toBe('close-menu');
    expect(enterAction(be({ resultsShown: true, selectionOpen: true }))).toBe('apply-results');
    expect(enterAction(be({ selectionOpen: true }))).toBe('finish-selection');
    expect(enterAction(be({ jobRunning: true }))).toBe('none');
  });
});

describe('selection modifiers (every selection tool)', () => {
  it('plain = new, Shift = add, Alt or right button = subtract (Alt wins over Shift)', () => {
    expect(selectModeOf({ button: 0, shiftKey: false })).toBe('new');
    expect(selectModeOf({ button: 0, shiftKey: true })).toBe('add');
    expect(selectModeOf({ button: 0, shiftKey: false, altKey: true })).toBe('subtract');
    expect(selectModeOf({ button: 2, shiftKey: false })).toBe('subtract');
    expect(selectModeOf({ button: 0, shiftKey: true, altKey: true })).toBe('subtract');
  });
});
