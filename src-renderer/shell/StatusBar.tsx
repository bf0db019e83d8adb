// Runs in: renderer. Bottom bar: engine state, image size, zoom, and what is running.
import { formatZoom } from '../core/viewport/viewport';
import type { EditorState } from '../core/state/editor-store';
import { useEditor } from '../core/state/editor-store';
import { useSelectionUi } from '../selection/selection-store';
import { useOpenSelectionName } from './SelectionBar';
import { useAfterDelay } from '../core/ui/use-after-delay';
import { TOOL_HINTS } from './tool-hints';
import { useProject } from '../project/project-store';
import '../project/project.css';

const TOOL_NAMES = { hand: 'Hand', select: 'Select', wand: 'Magic Wand', brush: 'Brush' } as const;

function ToolStatus() {
  const tool = useEditor((s) => s.activeTool);
  const hasDoc = useEditor((s) => s.document !== null);
  const brush = useSelectionUi((s) => s.brush);
  const seg = useSelectionUi((s) => s.segment.state);
  // Most clicks are answered in a few tens of ms: say "Selecting…" only when one takes longer.
  const running = useAfterDelay(
    useSelectionUi((s) => s.running > 0),
    300,
  );
  const open = useOpenSelectionName();
  if (!hasDoc) return null;
  return (
    <>
      <span className="tool-state" data-testid="tool-state">
        {TOOL_NAMES[tool]}
        {tool === 'brush' && ` · ${brush.mode === 'add' ? 'add' : 'erase'} · ${brush.radius * 2} px`}
        {tool !== 'hand' && open && ` · ${open}`}
      </span>
      <span className="tool-hint" data-testid="tool-hint" title={TOOL_HINTS[tool]}>
        {TOOL_HINTS[tool]}
      </span>
      {tool === 'select' && seg === 'preparing' && (
        <span className="status-busy" data-testid="selection-status">
          Preparing selection…
        </span>
      )}
      {tool === 'select' && seg !== 'preparing' && running && (
        <span className="status-busy" data-testid="selection-status">
          Selecting…
        </span>
      )}
    </>
  );
}

/** The engine's state in words; the event's own message wins when it has one. */
export function engineText(s: Pick<EditorState, 'engine' | 'connection'>): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (s.connection === 'reconnecting') return { text: 'Lost connection to Anyfill; reconnecting…', tone: 'warn' };
  const { state, restarts, message } = s.engine;
  switch (state) {
    case 'unknown':
      return { text: message ?? 'Connecting…', tone: 'warn' };
    case 'starting':
      return { text: message ?? 'Engine starting…', tone: 'warn' };
    case 'restarting':
      return { text: message ?? 'Engine restarting…', tone: 'warn' };
    case 'failed':
      return { text: message ?? 'Engine stopped', tone: 'bad' };
    case 'ready':
      return { text: message ?? (restarts > 0 ? 'Engine restarted after a crash' : 'Engine ready'), tone: 'ok' };
  }
}

export function StatusBar() {
  const status = useEditor((s) => s.engine);
  const connection = useEditor((s) => s.connection);
  const engine = engineText({ engine: status, connection });
  const doc = useEditor((s) => s.document);
  const scale = useEditor((s) => s.viewport.scale);
  const busy = useEditor((s) => s.busy?.label);
  return (
    <footer className="statusbar">
      <span className={`engine-state ${engine.tone}`} data-testid="engine-state">
        <i className="dot" aria-hidden="true" />
        {engine.text}
      </span>
      {busy && <span className="status-busy">{busy}</span>}
      <ToolStatus />
      <AutosaveStatus />
      <span className="spacer" />
      <span data-testid="image-size">{doc ? `${doc.width} × ${doc.height} px` : ''}</span>
      <span className="zoom" data-testid="zoom">
        {doc ? formatZoom(scale) : ''}
      </span>
    </footer>
  );
}

/** The word on the recovery copy: nothing while autosave works, and why when it does not (the work is
 * still on screen, but a crash now would lose it). */
function AutosaveStatus() {
  const error = useProject((s) => s.autosaveError);
  if (!error) return null;
  return (
    <span className="autosave-status failed" role="status" data-testid="autosave-status" title={error}>
      Autosave failed: {error}
    </span>
  );
}
