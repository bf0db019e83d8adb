// Runs in: renderer. One SegmentSession per document: a different document (open, close) gets a fresh one,
// so nothing of the old one's clicks (pending prompts, a press's answer, selections a click is starting)
// can land on the new one. The shell makes one of these and hands it to the select tool and the wiring.
import { useEditor } from '../core/state/editor-store';
import { SegmentSession } from './segment-runner';
import { installSegmentEvents, resetPrepared } from './segment-status';

export class SegmentSessions {
  private session = new SegmentSession();

  /** The open document's session. */
  readonly current = (): SegmentSession => this.session;

  /** Watch for a different document, and for segment.ready; returns the undo of both. */
  install(): () => void {
    const offReady = installSegmentEvents();
    const offDoc = useEditor.subscribe((s, prev) => {
      if (s.document?.id === prev.document?.id) return;
      this.session.dispose();
      this.session = new SegmentSession();
      resetPrepared(); // the next image is prepared afresh
    });
    return () => {
      offReady();
      offDoc();
    };
  }
}
