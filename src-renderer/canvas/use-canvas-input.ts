// Runs in: renderer. DOM input on the canvas area → ToolManager (pointer), wheel → viewport, Space → hand.
import { useEffect, type RefObject } from 'react';
import { isTyping } from '../core/commands/keys';
import { registerKeyTarget } from '../core/commands/key-targets';
import { getState, useEditor } from '../core/state/editor-store';
import { setUserViewport } from '../core/state/view-actions';
import { ToolManager, type ToolSet } from '../core/tools/tool-manager';
import type { ToolPointer } from '../core/tools/tool';
import { viewportAfterWheel } from '../core/tools/wheel';

/** `createTools`: the shell's tools (made once per mounted canvas). */
export function useCanvasInput(ref: RefObject<HTMLDivElement | null>, createTools: () => ToolSet): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const tools = new ToolManager(createTools(), (cursor) => {
      el.style.cursor = cursor;
    });
    const toPointer = (e: PointerEvent | WheelEvent): ToolPointer => {
      const r = el.getBoundingClientRect();
      return {
        point: { x: e.clientX - r.left, y: e.clientY - r.top },
        button: 'button' in e ? e.button : 0,
        shiftKey: e.shiftKey,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey || e.metaKey,
      };
    };
    const down = (e: PointerEvent) => {
      if (e.button === 1) e.preventDefault(); // no autoscroll on middle-drag
      if (!tools.pointerDown(toPointer(e))) return;
      el.setPointerCapture(e.pointerId);
      el.focus({ preventScroll: true });
    };
    const move = (e: PointerEvent) => tools.pointerMove(toPointer(e));
    const up = (e: PointerEvent) => {
      tools.pointerUp(toPointer(e));
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const cancel = () => tools.cancel();
    const wheel = (e: WheelEvent) => {
      e.preventDefault(); // the page itself never scrolls or browser-zooms over the canvas
      const { document, viewport } = getState();
      if (!document) return;
      if (tools.wheel(e)) return; // the active tool's own use of the wheel (the brush: Ctrl+wheel sizes it)
      const next = viewportAfterWheel(viewport, e, toPointer(e).point, el.clientHeight);
      if (next !== viewport) setUserViewport(next);
    };
    const key = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || isTyping(e.target)) return;
      // Let Space still press a focused button; otherwise it means "hold for the hand".
      if (e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      tools.setSpaceHeld(e.type === 'keydown');
    };
    const blur = () => {
      tools.setSpaceHeld(false);
      tools.cancel();
    };
    const auxclick = (e: MouseEvent) => e.button === 1 && e.preventDefault();
    const contextmenu = (e: MouseEvent) => tools.wantsRightButton && e.preventDefault();
    const leave = () => tools.leave();
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    el.addEventListener('lostpointercapture', up);
    el.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('auxclick', auxclick);
    el.addEventListener('contextmenu', contextmenu);
    el.addEventListener('pointerleave', leave);
    window.addEventListener('keydown', key);
    window.addEventListener('keyup', key);
    // Escape ends a gesture through the one Escape command (shell/commands/escape-enter.ts).
    const offEscape = registerKeyTarget('cancelGesture', () => tools.cancel());
    window.addEventListener('blur', blur);
    tools.refresh();
    const unsubscribe = useEditor.subscribe(
      (s, prev) => (s.document !== prev.document || s.activeTool !== prev.activeTool) && tools.refresh(),
    );
    return () => {
      unsubscribe();
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('lostpointercapture', up);
      el.removeEventListener('wheel', wheel);
      el.removeEventListener('auxclick', auxclick);
      el.removeEventListener('contextmenu', contextmenu);
      el.removeEventListener('pointerleave', leave);
      window.removeEventListener('keydown', key);
      window.removeEventListener('keyup', key);
      offEscape();
      window.removeEventListener('blur', blur);
    };
  }, [ref, createTools]);
}
