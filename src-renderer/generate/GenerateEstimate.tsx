// Runs in: renderer. Generative fill's estimate: the plan's processing size and the panel's settings; an
// offer sets its settings (so what ran is what the panel shows) and generates with them.
import type { EstimateSettings, GenerateEstimateRequest } from '../../src-shared/contract/estimate-payloads';
import { EstimateLine, useEstimate, useJobs } from '../jobs/api';
import { generateFill, installedSdPacks } from './generate-actions';
import { setGenerateSettings, useGenerateSettings } from './generate-settings';
import { useGenerate } from './generate-store';

export function GenerateEstimate() {
  const size = useGenerate((s) => (s.plan ? `${s.plan.processingSize.width}x${s.plan.processingSize.height}` : ''));
  const s = useGenerateSettings();
  const running = useJobs((j) => j.jobs.length > 0);
  const packId = s.packId && installedSdPacks().includes(s.packId) ? s.packId : undefined;
  const [width, height] = size.split('x').map(Number);
  const request: GenerateEstimateRequest | null = size
    ? {
        settings: {
          variants: s.variants,
          steps: s.steps,
          guidance: s.guidance,
          strength: s.strength,
          scheduler: s.scheduler,
          ...(packId ? { packId } : {}),
        },
        job: { kind: 'inpaint', processingSize: { width: width!, height: height! } },
      }
    : null;
  const state = useEstimate(request);
  const offer = (o: EstimateSettings) => {
    setGenerateSettings({
      variants: o.variants,
      steps: o.steps,
      guidance: o.guidance,
      scheduler: o.scheduler,
      ...(o.packId ? { packId: o.packId } : {}),
    });
    void generateFill();
  };
  return <EstimateLine state={state} testId="generate-estimate" disabled={running} onOffer={offer} />;
}
