// Runs in: renderer. The floating bars at the bottom of the canvas (the band Zoom to Fit keeps clear):
// the generated candidates with Apply/Discard while there are any, else the active tool's bar.
import { ResultsPanel } from '../generate/ResultsPanel';
import { useGenerate } from '../generate/generate-store';
import { SelectionBar } from './SelectionBar';

export function CanvasDock() {
  const comparing = useGenerate((s) => s.results !== null);
  // ResultsPanel stays mounted so its keys (Enter, Esc, 1–4, \) are installed exactly while it shows.
  return (
    <>
      <ResultsPanel />
      {!comparing && <SelectionBar />}
    </>
  );
}
