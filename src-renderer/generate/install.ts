// Runs in: renderer. App-level wiring of generative fill: candidates belong to one document, so a
// different document (open, close) drops them and any plan.
import { useEditor } from '../core/state/editor-store';
import { setGenerate } from './generate-store';
import { discardResults } from './results-actions';

export function installGenerate(): () => void {
  return useEditor.subscribe((s, prev) => {
    if (s.document?.id === prev.document?.id) return;
    discardResults();
    setGenerate({ plan: null, planError: null, promptNotice: null });
  });
}
