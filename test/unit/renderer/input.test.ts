// Runs in: vitest (node). Shortcut matching, wheel behaviour and the hand tool's state machine.
import { describe, expect, it } from 'vitest';
import { matches, shortcutLabel, type KeyLike } from '../../../src-renderer/core/commands/accelerator';
import { screenToImage, type Viewport } from '../../../src-renderer/core/viewport/viewport';
import { createHandTool } from '../../../src-renderer/core/tools/hand-tool';
import { viewportAfterWheel } from '../../../src-renderer/core/tools/wheel';

const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyLike;

describe('shortcuts', () => {
  it('CmdOrCtrl is Ctrl off macOS and ⌘ on macOS, and modifiers must match exactly', () => {
    expect(matches('CmdOrCtrl+Z', key('z', 'KeyZ', { ctrlKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+Z', key('z', 'KeyZ', { metaKey: true }), true)).toBe(true);
    expect(matches('CmdOrCtrl+Z', key('z', 'KeyZ', { metaKey: true }), false)).toBe(false);
    expect(matches('CmdOrCtrl+Z', key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matches('CmdOrCtrl+Shift+Z', key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matches('Ctrl+Y', key('y', 'KeyY', { ctrlKey: true }), false)).toBe(true);
  });
  it('digits by position (Shift+1 types "!"), zoom keys with their variants', () => {
    expect(matches('Shift+1', key('!', 'Digit1', { shiftKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+0', key('0', 'Numpad0', { ctrlKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+=', key('=', 'Equal', { ctrlKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+Plus', key('+', 'Equal', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+-', key('-', 'Minus', { ctrlKey: true }), false)).toBe(true);
    expect(matches('Delete', key('Delete', 'Delete'), false)).toBe(true);
    expect(matches('Delete', key('Delete', 'Delete', { ctrlKey: true }), false)).toBe(false);
  });
  it('labels', () => {
    expect(shortcutLabel('CmdOrCtrl+Shift+E', false)).toBe('Ctrl+Shift+E');
    expect(shortcutLabel('CmdOrCtrl+Shift+E', true)).toBe('⇧⌘E');
    expect(shortcutLabel('CmdOrCtrl+=', false)).toBe('Ctrl+=');
  });
});

describe('wheel', () => {
  const v: Viewport = { scale: 0.5, x: 10, y: 20 };
  const at = { x: 300, y: 200 };
  it('plain wheel zooms about the cursor', () => {
    const n = viewportAfterWheel(v, { deltaX: 0, deltaY: -100, deltaMode: 0, shiftKey: false }, at);
    expect(n.scale).toBeGreaterThan(v.scale);
    const a = screenToImage(v, at);
    const b = screenToImage(n, at);
    expect(Math.abs(a.x - b.x) + Math.abs(a.y - b.y)).toBeLessThan(1e-9);
  });
  it('shift+wheel and sideways swipes pan horizontally', () => {
    expect(viewportAfterWheel(v, { deltaX: 0, deltaY: 30, deltaMode: 0, shiftKey: true }, at)).toEqual({ scale: 0.5, x: -20, y: 20 });
    expect(viewportAfterWheel(v, { deltaX: 12, deltaY: 2, deltaMode: 0, shiftKey: false }, at)).toEqual({ scale: 0.5, x: -2, y: 20 });
  });
});

describe('hand tool', () => {
  it('idle → panning → idle, panning relative to the press; cancel restores the view', () => {
    let view: Viewport = { scale: 1, x: 0, y: 0 };
    const ctx = { getViewport: () => view, setViewport: (n: Viewport) => void (view = n) };
    const hand = createHandTool();
    const p = (x: number, y: number) => ({ point: { x, y }, button: 0, shiftKey: false });
    expect(hand.path).toBe('hand.idle');
    hand.pointerMove(ctx, p(5, 5));
    expect(view).toEqual({ scale: 1, x: 0, y: 0 });
    hand.pointerDown(ctx, p(100, 100));
    expect(hand.path).toBe('hand.panning');
    expect(hand.cursor).toBe('grabbing');
    hand.pointerMove(ctx, p(130, 90));
    hand.pointerMove(ctx, p(140, 80));
    expect(view).toEqual({ scale: 1, x: 40, y: -20 });
    hand.pointerUp(ctx, p(140, 80));
    expect(hand.path).toBe('hand.idle');
    hand.pointerDown(ctx, p(0, 0));
    hand.pointerMove(ctx, p(50, 50));
    hand.cancel(ctx);
    expect(view).toEqual({ scale: 1, x: 40, y: -20 });
    expect(hand.state).toBe('idle');
  });
});
