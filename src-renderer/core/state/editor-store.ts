// Runs in: renderer. The editor's one zustand store. Actions that change it live in sibling modules
// (document-actions, view-actions, messages) so this file stays the shape of the state and nothing else.
import { create } from 'zustand';
import type { AssetInfo, EngineState } from '../../../src-shared/contract/payloads';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import type { ConnectionState } from '../bridge/ws-client';
import { IDENTITY, type Size, type Viewport } from '../viewport/viewport';
import { emptyHistory, type History } from './history';

/** What the renderer knows about an asset's pixels; kept outside the document (not undoable, not exported). */
export interface AssetView {
  /** URL of the screen-sized proxy the canvas draws (scaled up to the asset's full size). */
  readonly url: string;
  /** The first, screen-sized proxy: what the layers panel shows even after a sharper one replaced `url`. */
  readonly thumbUrl: string;
  readonly proxyWidth: number;
  readonly proxyHeight: number;
  readonly info: AssetInfo;
  /** Full-resolution decode in the engine (asset.decoded event). */
  readonly decoded: 'pending' | 'ready' | 'failed';
}

export interface EngineStatus {
  /** 'unknown' until the host's first engine.status event. */
  readonly state: EngineState | 'unknown';
  readonly restarts: number;
  readonly message?: string;
}

export interface Busy {
  readonly label: string;
  readonly startedAt: number;
}

export interface Message {
  readonly id: number;
  readonly kind: 'error' | 'notice';
  readonly text: string;
}

export type ToolId = 'hand' | 'select' | 'wand' | 'brush';

export interface EditorState {
  readonly document: EditorDocument | null;
  readonly assets: Readonly<Record<AssetId, AssetView>>;
  /** Selection: which layer the layer commands act on. Not in history. */
  readonly activeLayerId: LayerId | null;
  readonly viewport: Viewport;
  /** True once the user zoomed or panned; a window resize then keeps their view instead of refitting. */
  readonly userZoomed: boolean;
  readonly stageSize: Size;
  readonly activeTool: ToolId;
  /** Current tool state path, e.g. "hand.panning" (for the cursor and for tests). */
  readonly toolPath: string;
  readonly engine: EngineStatus;
  readonly connection: ConnectionState;
  readonly busy: Busy | null;
  readonly messages: readonly Message[];
  readonly history: History;
}

export const initialState: EditorState = {
  document: null,
  assets: {},
  activeLayerId: null,
  viewport: IDENTITY,
  userZoomed: false,
  stageSize: { width: 0, height: 0 },
  activeTool: 'hand',
  toolPath: 'hand.idle',
  engine: { state: 'unknown', restarts: 0 },
  connection: 'open',
  busy: null,
  messages: [],
  history: emptyHistory,
};

export const useEditor = create<EditorState>()(() => initialState);

export const getState = useEditor.getState;
export const setState = useEditor.setState;
