// Runs in: renderer. Tools as small state machines. [Note: tools] A tool is a set of named states; each
// state handles the pointer events it cares about and returns the name of the next state (or nothing to
// stay). Hot gesture data lives in the tool's closure, never in React state; only the resulting viewport or
// document change reaches the store. A tool's path ("hand.panning") is what the cursor and tests look at.
import type { Point, Viewport } from '../viewport/viewport';

export interface ToolPointer {
  /** Stage coordinates (CSS px from the canvas's top-left). */
  readonly point: Point;
  readonly button: number;
  readonly shiftKey: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
}

export interface ToolContext {
  getViewport(): Viewport;
  setViewport(v: Viewport): void;
}

/** Optional extras a tool can declare (the hand needs none). */
export interface ToolOptions {
  /** Takes right-button presses too (the select tool's "exclude" click). */
  readonly rightButton?: boolean;
  /** Pointer moves with no button down (brush outline). */
  readonly hover?: (ctx: ToolContext, e: ToolPointer) => void;
  readonly leave?: () => void;
  /** A wheel turn over the canvas: true when the tool used it (the brush: Ctrl+wheel sizes it). */
  readonly wheel?: (e: ToolWheel) => boolean;
}

export interface ToolWheel {
  readonly deltaY: number;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

type Handler = (ctx: ToolContext, e: ToolPointer) => string | void;

export interface ToolState {
  readonly cursor: string;
  readonly onPointerDown?: Handler;
  readonly onPointerMove?: Handler;
  readonly onPointerUp?: Handler;
  /** Escape, lost pointer capture, window blur: undo what the gesture did so far. */
  readonly onCancel?: (ctx: ToolContext) => string | void;
}

export interface Tool {
  readonly id: string;
  readonly state: string;
  readonly path: string;
  readonly cursor: string;
  pointerDown(ctx: ToolContext, e: ToolPointer): void;
  pointerMove(ctx: ToolContext, e: ToolPointer): void;
  pointerUp(ctx: ToolContext, e: ToolPointer): void;
  cancel(ctx: ToolContext): void;
  readonly options?: ToolOptions;
}

export function defineTool(id: string, initial: string, states: Readonly<Record<string, ToolState>>, options?: ToolOptions): Tool {
  let current = initial;
  const state = () => states[current]!;
  const go = (next: string | void) => {
    if (next && next !== current && states[next]) current = next;
  };
  return {
    id,
    options,
    get state() {
      return current;
    },
    get path() {
      return `${id}.${current}`;
    },
    get cursor() {
      return state().cursor;
    },
    pointerDown: (ctx, e) => go(state().onPointerDown?.(ctx, e)),
    pointerMove: (ctx, e) => go(state().onPointerMove?.(ctx, e)),
    pointerUp: (ctx, e) => go(state().onPointerUp?.(ctx, e)),
    cancel: (ctx) => go(state().onCancel?.(ctx) ?? initial),
  };
}
