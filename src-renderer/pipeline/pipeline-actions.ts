// Runs in: renderer. Re-run a result layer's pipeline log as a new job and compare the new result's pixel
// sha256 with the recorded one. Nothing changes in the document unless the user adds the re-run result as
// a layer (one undo step, right above the original result, with its own log).
import type { InpaintResult, OutpaintResult } from '../../src-shared/contract/diffusion-payloads';
import type { FillResult } from '../../src-shared/contract/job-payloads';
import { newLayerId, type AssetId, type LayerId } from '../../src-shared/document/ids';
import type { Provenance } from '../../src-shared/document/provenance';
import type { ImageLayer } from '../../src-shared/document/types';
import { getApi, userMessage } from '../core/bridge/api';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';
import { isCancelled, runJob } from '../jobs/api';
import { changeDocument } from '../core/state/document-actions';
import { getState, setState, type AssetView } from '../core/state/editor-store';
import { stampNow } from './app-version';
import { getPipeline, setPipeline } from './pipeline-store';
import { rerunOutcome, rerunRequest, type RerunRequest } from './rerun-request';

export type LoggedLayer = ImageLayer & { provenance: Provenance };

export function loggedLayer(id: LayerId | null): LoggedLayer | null {
  const l = getState().document?.layers.find((x) => x.id === id);
  return l?.kind === 'image' && l.provenance ? (l as LoggedLayer) : null;
}

function invoke(req: RerunRequest): Promise<FillResult | InpaintResult | OutpaintResult> {
  if (req.channel === 'fill.run') return getApi().invoke('fill.run', req.payload);
  if (req.channel === 'inpaint.run') return getApi().invoke('inpaint.run', req.payload);
  return getApi().invoke('outpaint.run', req.payload);
}

export async function rerunPipeline(layerId: LayerId): Promise<void> {
  const layer = loggedLayer(layerId);
  if (!layer) return;
  dropRerun();
  setPipeline({ rerun: { layerId, state: 'running' } });
  let channel: RerunRequest['channel'] | null = null;
  let result: unknown;
  try {
    result = await runJob(`Re-run · ${layer.name}`, (jobId) => {
      const req = rerunRequest(layer.provenance, jobId, proxySideForScreen());
      if (!req) throw new Error('This pipeline log is incomplete and cannot be re-run.');
      channel = req.channel;
      return invoke(req);
    });
  } catch (err) {
    const message = isCancelled(err) ? 'Re-run cancelled.' : userMessage(err, 'The re-run failed.');
    setPipeline({ rerun: { layerId, state: 'failed', message } });
    return;
  }
  const outcome = channel ? rerunOutcome(channel, result) : null;
  if (!outcome) {
    setPipeline({ rerun: { layerId, state: 'failed', message: 'The re-run gave no result (withheld by the safety checker?).' } });
    return;
  }
  const url = getApi().fileUrl(outcome.proxy.path);
  await loadImage(url).catch(() => undefined);
  const same = outcome.sha256 !== undefined && outcome.sha256 === layer.provenance.result.sha256;
  // The panel may have moved on (another re-run, a closed document): then nothing is kept.
  if (getPipeline().rerun?.layerId !== layerId || getPipeline().rerun?.state !== 'running') return release([outcome.asset.id]);
  setPipeline({ rerun: { layerId, state: same ? 'same' : 'differs', outcome, url } });
}

/** Release a finished re-run's result (it was not added). */
export function dropRerun(): void {
  const r = getPipeline().rerun;
  if (r?.outcome) release([r.outcome.asset.id]);
  setPipeline({ rerun: null });
}

/** The re-run's result as a new layer above the original result, its log the original's with the new result. */
export async function addRerunAsLayer(): Promise<boolean> {
  const r = getPipeline().rerun;
  const layer = loggedLayer(r?.layerId ?? null);
  if (!r?.outcome || !r.url || !layer || r.outcome.sha256 === undefined) return false;
  const o = r.outcome;
  const p = layer.provenance;
  const stamp = await stampNow();
  const provenance: Provenance = {
    ...p,
    ...stamp,
    result: { assetId: o.asset.id, sha256: o.sha256!, x: o.x, y: o.y, width: o.asset.width, height: o.asset.height },
  };
  const added: ImageLayer = {
    ...layer,
    id: newLayerId(),
    name: `${layer.name} (re-run)`.slice(0, 200),
    assetId: o.asset.id,
    x: p.kind === 'outpaint' ? layer.x : layer.x + o.x - p.result.x,
    y: p.kind === 'outpaint' ? layer.y : layer.y + o.y - p.result.y,
    width: o.asset.width,
    height: o.asset.height,
    provenance,
  };
  const view: AssetView = {
    url: r.url,
    thumbUrl: r.url,
    proxyWidth: o.proxy.width,
    proxyHeight: o.proxy.height,
    info: o.asset,
    decoded: 'ready',
  };
  setState({ assets: { ...getState().assets, [o.asset.id as AssetId]: view } });
  const done = changeDocument('Add re-run result', (d) => {
    const at = d.layers.findIndex((l) => l.id === layer.id);
    if (at >= 0) d.layers.splice(at + 1, 0, added);
  });
  setPipeline({ rerun: null });
  if (done) setState({ activeLayerId: added.id });
  else release([o.asset.id]);
  return done;
}
