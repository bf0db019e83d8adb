// Runs in: Electron main. [Note: never lose work] The renderer's unload guard holds a close (or Quit) while
// the document has unsaved work; Electron then emits will-prevent-unload. Main asks the page to put the
// Save / Don't Save / Cancel question, and goes on with the close or the Quit once the page says so
// (shell.closeWindow). A page that crashed has no guard, so its window closes as usual.
import { app, type BrowserWindow } from 'electron';

export interface CloseGuard {
  /** Watch a window's page for held closes. */
  watch(window: BrowserWindow): void;
  /** The page agreed: close the window, or quit when the held close was part of a Quit. */
  proceed(window: BrowserWindow): void;
}

export function createCloseGuard(ask: (window: BrowserWindow) => void): CloseGuard {
  let quitting = false;
  // Per window: whether the close its page held was a Quit.
  const heldQuit = new WeakMap<BrowserWindow, boolean>();
  app.on('before-quit', () => {
    quitting = true;
  });
  return {
    watch(window) {
      window.webContents.on('will-prevent-unload', () => {
        heldQuit.set(window, quitting);
        // The Quit stopped here; a later plain close must not turn into one.
        quitting = false;
        ask(window);
      });
    },
    proceed(window) {
      if (window.isDestroyed()) return;
      if (heldQuit.get(window)) app.quit();
      else window.close();
    },
  };
}
