// Runs in: vitest (node). The select tool's state machine without a browser: its context is a recording
// segment session and hover preview (what the shell hands it in the app), the document a 400 × 300 photo
// at 1:1 zoom, so stage pixels are image pixels. Press, drag → box, release, refine (Shift, Alt, right
// button), Esc, and clicks outside the image.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EditorDocument } from '../../../src-shared/document/types';
import type { LayerId } from '../../../src-shared/document/ids';
import { createSelectTool, type SelectSession } from '../../../src-renderer/segment/select-tool';
import type { SegmentRunRequest } from '../../../src-renderer/core/bridge/segment-types';
import type { ToolContext, ToolPointer } from '../../../src-renderer/core/tools/tool';
import { initialState, setState, getState } from '../../../src-renderer/core/state/editor-store';
import { getSelectionUi, initialSelectionUi, setSelectionUi } from '../../../src-renderer/selection/selection-store';

const ASSET = 'a_photo001';

function photo(): EditorDocument {
  return {
    id: 'doc-1',
    schemaVersion: 1,
    name: 'photo',
    width: 400,
    height: 300,
    layers: [{ id: 'L1', kind: 'image', name: 'Photo', assetId: ASSET, visible: true, opacity: 1, x: 0, y: 0, width: 400, height: 300 }],
  } as unknown as EditorDocument;
}

/** What the tool asked of its session and preview, in order. */
function recorder() {
  const calls: Array<[string, ...unknown[]]> = [];
  const session: SelectSession = {
    prefetchClick: (...a) => void calls.push(['prefetchClick', ...a]),
    addPoint: (...a) => void calls.push(['addPoint', ...a]),
    setBox: (...a) => void calls.push(['setBox', ...a]),
    clickRequest: (assetId, at, mode) =>
      ({ assetId, points: [{ ...at, label: mode === 'subtract' ? 0 : 1 }], multimask: true, key: 'hover' }) as SegmentRunRequest,
  };
  const hover = {
    at: (req: SegmentRunRequest) => void calls.push(['hover.at', req.points[0]]),
    stop: () => void calls.push(['hover.stop']),
    clear: () => void calls.push(['hover.clear']),
  };
  return { calls, tool: createSelectTool({ session: () => session, hover }) };
}

const ctx: ToolContext = { getViewport: () => ({ scale: 1, x: 0, y: 0 }), setViewport: () => undefined };
const at = (x: number, y: number, mods: Partial<ToolPointer> = {}): ToolPointer => ({
  point: { x, y },
  button: 0,
  shiftKey: false,
  ...mods,
});
const errors = () =>
  getState()
    .messages.filter((m) => m.kind === 'error')
    .map((m) => m.text);

beforeEach(() => {
  setState({ ...initialState, document: photo() });
  setSelectionUi(initialSelectionUi);
});

describe('select tool', () => {
  it('a click: the press prefetches, the release commits that point as a new selection', () => {
    const { calls, tool } = recorder();
    tool.pointerDown(ctx, at(120.04, 80.26));
    expect(tool.path).toBe('select.pressing');
    expect(calls).toEqual([['hover.stop'], ['prefetchClick', ASSET, { x: 120, y: 80.3 }, 'new']]);
    tool.pointerMove(ctx, at(121, 81)); // a jitter is not a drag
    tool.pointerUp(ctx, at(121, 81));
    expect(tool.path).toBe('select.idle');
    expect(calls.at(-1)).toEqual(['addPoint', ASSET, { x: 120, y: 80.3 }, 'new']);
  });

  it('a drag becomes a box: a rubber band while moving, the clipped box on release, no click', () => {
    const { calls, tool } = recorder();
    tool.pointerDown(ctx, at(350, 250));
    tool.pointerMove(ctx, at(380, 270));
    expect(tool.path).toBe('select.boxing');
    expect(calls).toContainEqual(['hover.clear']);
    tool.pointerMove(ctx, at(450, 330));
    expect(getSelectionUi().band).toEqual({ x0: 350, y0: 250, x1: 450, y1: 330 });
    tool.pointerUp(ctx, at(450, 330));
    expect(tool.path).toBe('select.idle');
    expect(getSelectionUi().band).toBeNull();
    expect(calls.at(-1)).toEqual(['setBox', ASSET, { x0: 350, y0: 250, x1: 400, y1: 300 }, 'new']);
    expect(calls.some(([c]) => c === 'addPoint')).toBe(false);
  });

  it('refining: Shift adds, Alt and the right button subtract; a subtracting press never becomes a box', () => {
    const { calls, tool } = recorder();
    tool.pointerDown(ctx, at(10, 10, { shiftKey: true }));
    tool.pointerUp(ctx, at(10, 10, { shiftKey: true }));
    expect(calls.at(-1)).toEqual(['addPoint', ASSET, { x: 10, y: 10 }, 'add']);
    tool.pointerDown(ctx, at(20, 20, { altKey: true }));
    tool.pointerMove(ctx, at(90, 90, { altKey: true }));
    expect(tool.path).toBe('select.pressing');
    tool.pointerUp(ctx, at(90, 90, { altKey: true }));
    expect(calls.at(-1)).toEqual(['addPoint', ASSET, { x: 20, y: 20 }, 'subtract']);
    tool.pointerDown(ctx, at(30, 30, { button: 2 }));
    tool.pointerUp(ctx, at(30, 30, { button: 2 }));
    expect(calls.at(-1)).toEqual(['addPoint', ASSET, { x: 30, y: 30 }, 'subtract']);
    tool.pointerDown(ctx, at(5, 5, { shiftKey: true }));
    tool.pointerMove(ctx, at(60, 40, { shiftKey: true }));
    tool.pointerUp(ctx, at(60, 40, { shiftKey: true }));
    expect(calls.at(-1)).toEqual(['setBox', ASSET, { x0: 5, y0: 5, x1: 60, y1: 40 }, 'add']);
  });

  it('Esc ends the gesture: a box is dropped with its band, a press sends nothing', () => {
    const { calls, tool } = recorder();
    tool.pointerDown(ctx, at(10, 10));
    tool.pointerMove(ctx, at(100, 100));
    tool.cancel(ctx);
    expect(tool.path).toBe('select.idle');
    expect(getSelectionUi().band).toBeNull();
    tool.pointerDown(ctx, at(50, 50));
    tool.cancel(ctx);
    expect(tool.path).toBe('select.idle');
    expect(calls.filter(([c]) => c === 'setBox' || c === 'addPoint')).toEqual([]);
  });

  it('a click or a box outside the image is refused with a message, and nothing is sent', () => {
    const { calls, tool } = recorder();
    tool.pointerDown(ctx, at(420, 10));
    tool.pointerUp(ctx, at(420, 10));
    tool.pointerDown(ctx, at(500, 400));
    tool.pointerMove(ctx, at(600, 500));
    tool.pointerUp(ctx, at(600, 500));
    expect(errors()).toEqual(['That click is outside the image.', 'That box is outside the image.']);
    expect(calls.filter(([c]) => c === 'setBox' || c === 'addPoint' || c === 'prefetchClick')).toEqual([]);
  });

  it("a refinement goes to the open selection's photo, and idle moves show the hover preview", () => {
    const sel = {
      id: 'l_sel1' as LayerId,
      kind: 'selection',
      name: 'Selection 1',
      visible: true,
      colour: '#ff0000',
      assetId: ASSET,
      prompt: { points: [] },
      sam: null,
      strokes: [],
      ops: [],
    };
    setState({ document: { ...photo(), layers: [...photo().layers, sel] } as unknown as EditorDocument });
    setSelectionUi({ activeId: sel.id });
    const { calls, tool } = recorder();
    tool.options?.hover?.(ctx, at(40, 30));
    expect(calls).toEqual([['hover.at', { x: 40, y: 30, label: 1 }]]);
    tool.options?.hover?.(ctx, at(401, 30));
    expect(calls.at(-1)).toEqual(['hover.clear']);
    tool.pointerDown(ctx, at(40, 30, { shiftKey: true }));
    tool.pointerUp(ctx, at(40, 30, { shiftKey: true }));
    expect(calls.at(-1)).toEqual(['addPoint', ASSET, { x: 40, y: 30 }, 'add']);
  });
});
