// Runs in: renderer. The editor's layout and the app-wide wiring (host events, keys, menu, drop/paste).
import { useCallback, useEffect, useState } from 'react';
import type { LayerId } from '../src-shared/document/ids';
import { getApi } from './core/bridge/api';
import { installCommandInputs } from './shell/commands/keyboard';
import { syncNativeMenu } from './shell/commands/native-menu';
import { EditorStage } from './canvas/EditorStage';
import { installDropAndPaste } from './project/drop-paste';
import { subscribeToHost } from './project/host-events';
import { installProxyUpgrades } from './project/proxy-upgrade';
import { installModelEvents } from './models/model-actions';
import { installSelections } from './selection/install';
import { SegmentSessions } from './segment/segment-sessions';
import { installHoverPreview } from './hover/hover-actions';
import { canvasOverlays, createTools } from './shell/canvas-wiring';
import { CanvasDock } from './shell/CanvasDock';
import { ModelManager } from './models/ModelManager';
import { ExportDialog } from './export/ExportDialog';
import { useEditor } from './core/state/editor-store';
import { LayersPanel } from './shell/LayersPanel';
import { MenuBar } from './shell/MenuBar';
import { Messages } from './shell/Messages';
import { BusyIndicator, DropOverlay, EmptyState } from './shell/Overlays';
import { PropertiesPanel } from './shell/PropertiesPanel';
import { DetectPanel } from './detect/DetectPanel';
import { MaskOpsPanel } from './mask-ops/MaskOpsPanel';
import { FillPanel } from './fill/FillPanel';
import { GeneratePanel } from './generate/GeneratePanel';
import { PipelinePanel } from './pipeline/PipelinePanel';
import { CompareDivider } from './generate/CompareDivider';
import { installGenerate } from './generate/install';
import { OutpaintDialog } from './outpaint/OutpaintDialog';
import { JobsBar } from './jobs/JobsBar';
import { installJobEvents } from './jobs/job-actions';
import { StatusBar } from './shell/StatusBar';
import { HistoryPanel } from './history/HistoryPanel';
import { Toolbar } from './shell/Toolbar';
import { isDirty, windowTitle } from './project/dirty';
import { installProjects } from './project/install';
import { useProject } from './project/project-store';
import { RecoveryPrompt } from './project/RecoveryPrompt';
import { ShortcutSheet } from './shell/help/ShortcutSheet';
import { UnsavedPrompt } from './project/UnsavedPrompt';
import { LargeOpenPrompt } from './project/LargeOpenPrompt';
import { DetachedBanner } from './project/DetachedBanner';

function useWindowTitle(): void {
  const name = useEditor((s) => s.document?.name);
  const saved = useProject((s) => s.saved);
  const dirty = useEditor((s) => isDirty(s.document, s.history, saved));
  useEffect(() => {
    document.title = windowTitle(name, dirty);
  }, [name, dirty]);
}

export function App() {
  const [dragging, setDragging] = useState(false);
  const browser = getApi().host === 'browser';
  // The open document's segment session (a new one per document), handed to the select tool and the wiring.
  const [segment] = useState(() => new SegmentSessions());
  const tools = useCallback(() => createTools(segment), [segment]);
  useWindowTitle();
  useEffect(() => {
    const isPending = (id: LayerId | null | undefined) => segment.current().isPendingSelection(id);
    const offs = [
      subscribeToHost(),
      installCommandInputs(),
      syncNativeMenu(),
      installDropAndPaste(setDragging),
      installProxyUpgrades(),
      installModelEvents(),
      installSelections(isPending),
      segment.install(),
      installHoverPreview(),
      installJobEvents(),
      installGenerate(),
      installProjects(),
    ];
    return () => offs.forEach((off) => off());
  }, [segment]);
  return (
    <div className={browser ? 'app with-menubar' : 'app'}>
      {browser && <MenuBar />}
      <Toolbar />
      <main className="workspace">
        <div className="canvas-area">
          <EditorStage tools={tools} overlays={canvasOverlays} />
          <EmptyState />
          <CompareDivider />
          <CanvasDock />
          <BusyIndicator />
          <div className="canvas-notices">
            <JobsBar />
            <Messages />
          </div>
          <RecoveryPrompt />
          <DetachedBanner />
          <DropOverlay visible={dragging} />
        </div>
        <aside className="sidebar">
          <DetectPanel />
          <LayersPanel />
          <HistoryPanel />
          <MaskOpsPanel />
          <FillPanel />
          <GeneratePanel />
          <PipelinePanel />
          <PropertiesPanel />
        </aside>
      </main>
      <StatusBar />
      <ModelManager />
      <OutpaintDialog />
      <ExportDialog />
      <ShortcutSheet />
      <UnsavedPrompt />
      <LargeOpenPrompt />
    </div>
  );
}
