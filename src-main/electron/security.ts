// Runs in: Electron main.
// App- and session-wide hardening (reliability.md §1.1, checklist items 4, 5, 12–14). Everything is
// denied: the editor needs no camera, location, notifications, devices or downloads. Exports are
// written by main through the native save dialog, never as browser downloads.
import { app, session, type Session } from 'electron';
import { lockDownContents } from './window';

/** Call before app ready: sandbox every renderer and guard every WebContents as it is created. */
export function installAppGuards(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}

/** Call after app ready, for each session a window uses (we only use the default one). */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`[security] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    console.warn(`[security] blocked download of ${item.getURL().slice(0, 200)}`);
    event.preventDefault();
  });
}
