// Runs in: renderer. Host → renderer events: engine life (status bar), background decodes, connection.
// [Note: engine restarts] A crash never touches the document: proxies are files in the session folder,
// so the picture keeps showing; requests made while the engine restarts fail with a message and change nothing.
import type { AssetId } from '../../src-shared/document/ids';
import { getApi, onConnectionChange, userMessage } from '../core/bridge/api';
import { getState, setState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';

/** asset.decoded can arrive before image.open's answer is committed; remember it until then. */
const earlyDecodes = new Map<AssetId, boolean>();

export function takeEarlyDecode(assetId: AssetId): boolean | undefined {
  const v = earlyDecodes.get(assetId);
  earlyDecodes.delete(assetId);
  return v;
}

export function subscribeToHost(): () => void {
  const api = getApi();
  const offs = [
    api.on('engine.status', (s) => {
      const before = getState().engine;
      setState({ engine: s.message === undefined ? { state: s.state, restarts: s.restarts } : { ...s } });
      if (s.state === 'ready' && before.state === 'restarting' && getState().document) {
        showNotice(s.message ?? 'The engine restarted; your document is unchanged.');
      }
      if (s.state === 'failed') showError(s.message ?? 'The engine stopped and could not be restarted. Restart Anyfill.');
    }),
    api.on('asset.decoded', (e) => {
      const view = getState().assets[e.assetId];
      if (!view) {
        earlyDecodes.set(e.assetId, e.ok);
        if (earlyDecodes.size > 50) earlyDecodes.delete(earlyDecodes.keys().next().value!);
        return;
      }
      setState({ assets: { ...getState().assets, [e.assetId]: { ...view, decoded: e.ok ? 'ready' : 'failed' } } });
      if (!e.ok) {
        const name = getState().document?.layers.find((l) => l.assetId === e.assetId)?.name ?? 'the image';
        showError(e.error ? userMessage(e.error) : `Could not read all of ${name}; exporting it may fail.`);
      }
    }),
    onConnectionChange((connection) => setState({ connection })),
  ];
  return () => offs.forEach((off) => off());
}
