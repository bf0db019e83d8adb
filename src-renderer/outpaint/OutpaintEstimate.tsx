// Runs in: renderer. Extend Canvas's estimate: the photo's size, what each side gains (its windows are
// planned by the engine) and the generative-fill settings it runs with; an offer sets them and extends.
import type { EstimateSettings } from '../../src-shared/contract/estimate-payloads';
import { installedSdPacks, setGenerateSettings, useGenerateSettings } from '../generate/api';
import { EstimateLine, useEstimate, useJobs } from '../jobs/api';
import { outpaintPhoto, runOutpaint } from './outpaint-actions';
import { extensionFor, useOutpaint } from './outpaint-store';

export function OutpaintEstimate() {
  const o = useOutpaint();
  const s = useGenerateSettings();
  const running = useJobs((j) => j.jobs.length > 0);
  const photo = outpaintPhoto();
  const ext = photo ? extensionFor(o, photo) : null;
  const packId = s.packId && installedSdPacks().includes(s.packId) ? s.packId : undefined;
  const state = useEstimate(
    photo && ext && installedSdPacks().length > 0
      ? {
          settings: {
            variants: 1,
            steps: s.steps,
            guidance: s.guidance,
            strength: 1,
            scheduler: s.scheduler,
            ...(packId ? { packId } : {}),
          },
          job: { kind: 'outpaint', imageSize: { width: photo.width, height: photo.height }, extend: ext },
        }
      : null,
  );
  const offer = (e: EstimateSettings) => {
    setGenerateSettings({ steps: e.steps, guidance: e.guidance, scheduler: e.scheduler, ...(e.packId ? { packId: e.packId } : {}) });
    void runOutpaint();
  };
  return <EstimateLine state={state} testId="outpaint-estimate" disabled={running} onOffer={offer} />;
}
