// Runs in: renderer. The editor's layout and the app-wide wiring (host events, keys, menu, drop/paste).
import { useEffect, useState } from 'react';
import { getApi } from './bridge/api';
import { installCommandInputs } from './commands/keyboard';
import { syncNativeMenu } from './commands/native-menu';
import { EditorStage } from './canvas/EditorStage';
import { installDropAndPaste } from './flows/drop-paste';
import { subscribeToHost } from './flows/host-events';
import { installProxyUpgrades } from './flows/proxy-upgrade';
import { installModelEvents } from './models/model-actions';
import { installSelections } from './selection/install';
import { CanvasDock } from './panels/CanvasDock';
import { ModelManager } from './models/ModelManager';
import { ExportDialog } from './export/ExportDialog';
import { useEditor } from './state/editor-store';
import { LayersPanel } from './panels/LayersPanel';
import { MenuBar } from './panels/MenuBar';
import { Messages } from './panels/Messages';
import { BusyIndicator, DropOverlay, EmptyState } from './panels/Overlays';
import { PropertiesPanel } from './panels/PropertiesPanel';
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
import { StatusBar } from './panels/StatusBar';
import { HistoryPanel } from './history/HistoryPanel';
import { Toolbar } from './panels/Toolbar';
import { isDirty, windowTitle } from './project/dirty';
import { installProjects } from './project/install';
import { useProject } from './project/project-store';
import { RecoveryPrompt } from './project/RecoveryPrompt';
import { ShortcutSheet } from './help/ShortcutSheet';
import { UnsavedPrompt } from './project/UnsavedPrompt';
import { LargeOpenPrompt } from './flows/LargeOpenPrompt';
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
  useWindowTitle();
  useEffect(() => {
    const offs = [subscribeToHost(), installCommandInputs(), syncNativeMenu(), installDropAndPaste(setDragging), installProxyUpgrades(), installModelEvents(), installSelections(), installJobEvents(), installGenerate(), installProjects()];
    return () => offs.forEach((off) => off());
  }, []);
  return (
    <div className={browser ? 'app with-menubar' : 'app'}>
      {browser && <MenuBar />}
      <Toolbar />
      <main className="workspace">
        <div className="canvas-area">
          <EditorStage />
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
