// Runs in: renderer. "Generative fill" in the sidebar while a selection is the target: what should be
// there (Enter runs), Generate and Remove, the plan (crop and model resolution), and the advanced
// settings collapsed. Without an SD pack the buttons say why and offer the model manager.
import { useEffect } from 'react';
import { useJobs } from '../jobs/api';
import { installedPackIds, openModelManager, useModels } from '../models/api';
import { GenerateEstimate } from './GenerateEstimate';
import { GenerateAdvanced } from './GenerateAdvanced';
import { generateFill, removeObject } from './generate-actions';
import { growNote, setGenerateSettings, useGenerateSettings } from './generate-settings';
import { useGenerate } from './generate-store';
import { schedulePlan } from './plan-runner';
import { useTargetSelection } from '../selection/api';
import './generate.css';

const NO_PACK = 'Generative fill needs a Stable Diffusion inpainting model: open Models… to download one.';

export function GeneratePanel() {
  const target = useTargetSelection();
  const prompt = useGenerateSettings((s) => s.prompt);
  const sdPacks = useModels((s) => installedPackIds(s.packs, 'sd-inpaint').join(','));
  const eraser = useModels((s) => installedPackIds(s.packs, 'eraser').length > 0);
  const running = useJobs((s) => s.jobs.length > 0);
  const plan = useGenerate((s) => (s.plan && s.plan.selection === target ? s.plan : null));
  const notice = useGenerate((s) => s.promptNotice);
  const planError = useGenerate((s) => s.planError);
  const maskGrow = useGenerateSettings((s) => s.maskGrow);
  const hasPack = sdPacks !== '';
  // The crop rectangle is the SD model's view: without a model it would only be noise on the canvas.
  useEffect(() => schedulePlan(hasPack ? target : null, maskGrow), [target, hasPack, maskGrow]);
  if (!target) return null;
  return (
    <section className="panel generate-panel" aria-label="Generative fill" data-testid="generate-panel">
      <h2 className="panel-title">Generative fill</h2>
      <input
        type="text"
        className="generate-prompt"
        data-testid="generate-prompt"
        aria-label="What should be there"
        placeholder="What should be there? Empty removes"
        value={prompt}
        spellCheck={false}
        maxLength={4000}
        onChange={(e) => setGenerateSettings({ prompt: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !hasPack || running) return;
          e.preventDefault();
          void generateFill();
        }}
      />
      {notice && (
        <p className="generate-note warn" data-testid="generate-prompt-notice">
          {notice}
        </p>
      )}
      <div className="generate-buttons">
        <button
          type="button"
          className="primary"
          data-testid="generate-run"
          disabled={!hasPack || running}
          title={hasPack ? 'Generate candidates for the selection (Enter in the prompt)' : NO_PACK}
          onClick={() => void generateFill()}
        >
          Generate
        </button>
        <button
          type="button"
          data-testid="generate-remove"
          disabled={running}
          title={
            eraser
              ? `Erase with the learned eraser (MI-GAN or LaMa)${hasPack ? ' (Shift+click: Stable Diffusion)' : ''}`
              : hasPack
                ? 'Fill the selection with what is behind it'
                : 'No generative model installed: removes with content-aware fill instead'
          }
          onClick={(e) => void removeObject({ generative: e.shiftKey })}
        >
          Remove
        </button>
      </div>
      {hasPack && <GenerateEstimate />}
      {!hasPack && (
        <p className="generate-note" data-testid="generate-no-pack">
          {NO_PACK}{' '}
          <button type="button" className="link-button" data-testid="generate-open-models" onClick={openModelManager}>
            Open Models…
          </button>
        </p>
      )}
      {hasPack && (
        <p
          className="generate-note"
          data-testid="generate-plan"
          title="The part of the photo the model sees, and the resolution it works at (dashed on the canvas)"
        >
          {plan
            ? `Crop ${plan.cropRect.width} × ${plan.cropRect.height} px, generated at ${plan.processingSize.width} × ${plan.processingSize.height}${growNote(plan.maskGrow)}`
            : (planError ?? 'Planning the crop…')}
        </p>
      )}
      <GenerateAdvanced packList={sdPacks} />
    </section>
  );
}
