// Runs in: renderer. Routes canvas pointer events to the active tool, lending the hand to any tool for
// space-drag and middle-drag. [Note: tools]
import { getState, setState, type ToolId } from '../state/editor-store';
import { setUserViewport } from '../state/view-actions';
import { createHandTool } from './hand-tool';
import type { Tool, ToolContext, ToolPointer, ToolWheel } from './tool';

/** Every tool by id; the shell builds them (App.tsx) with what each needs, the manager only routes. */
export type ToolSet = Readonly<Record<ToolId, Tool>>;

export class ToolManager {
  /** A second hand, so borrowing it never disturbs the active tool's own state. */
  private readonly borrowedHand = createHandTool();
  /** The tool that received the current pointer-down; it gets every event until pointer-up. */
  private gesture: Tool | null = null;
  private spaceHeld = false;
  private readonly ctx: ToolContext = {
    getViewport: () => getState().viewport,
    setViewport: (v) => setUserViewport(v),
  };

  constructor(
    private readonly tools: ToolSet,
    private readonly onCursor: (cursor: string) => void,
  ) {}

  private get active(): Tool {
    return this.tools[getState().activeTool];
  }

  /** The tool the next pointer-down would go to, or the one in a gesture. */
  private get current(): Tool {
    return this.gesture ?? (this.spaceHeld ? this.borrowedHand : this.active);
  }

  get path(): string {
    return this.current.path;
  }

  pointerDown(e: ToolPointer): boolean {
    if (this.gesture || !getState().document) return false;
    const borrow = e.button === 1 || this.spaceHeld;
    if (!borrow && e.button !== 0 && !(e.button === 2 && this.active.options?.rightButton)) return false;
    this.gesture = borrow ? this.borrowedHand : this.active;
    this.gesture.pointerDown(this.ctx, e);
    this.publish();
    return true;
  }

  pointerMove(e: ToolPointer): void {
    if (!this.gesture) {
      if (!this.spaceHeld && getState().document) this.active.options?.hover?.(this.ctx, e);
      return;
    }
    this.gesture.pointerMove(this.ctx, e);
    this.publish();
  }

  pointerUp(e: ToolPointer): void {
    if (!this.gesture) return;
    this.gesture.pointerUp(this.ctx, e);
    this.gesture = null;
    this.publish();
  }

  cancel(): void {
    this.gesture?.cancel(this.ctx);
    this.gesture = null;
    this.publish();
  }

  /** A wheel turn the active tool takes for itself (true: it did, so the view leaves it alone). */
  wheel(e: ToolWheel): boolean {
    return !!this.active.options?.wheel?.(e);
  }

  /** The pointer left the canvas. */
  leave(): void {
    this.active.options?.leave?.();
  }

  /** Does the active tool want right-button presses (no context menu then)? */
  get wantsRightButton(): boolean {
    return !!this.active.options?.rightButton;
  }

  setSpaceHeld(held: boolean): void {
    if (held === this.spaceHeld) return;
    this.spaceHeld = held;
    this.publish();
  }

  /** Re-announce cursor and path (e.g. after a document opened or closed). */
  refresh(): void {
    this.publish();
  }

  private publish(): void {
    this.onCursor(getState().document ? this.current.cursor : 'default');
    if (getState().toolPath !== this.path) setState({ toolPath: this.path });
  }
}
