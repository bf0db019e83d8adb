// Runs in: renderer. Generative fill's advanced settings, collapsed by default: negative prompt,
// candidates, steps, guidance, strength, scheduler, seed (random or fixed), colour match, mask grow, model.
import { memo } from 'react';
import { SeedField } from '../core/ui/SeedField';
import { SCHEDULER_NAMES } from '../../src-shared/contract/diffusion-payloads';
import {
  clampNumber,
  DEFAULT_GENERATE,
  SCHEDULER_LABELS,
  setGenerateSettings,
  useGenerateSettings,
  type SchedulerChoice,
} from './generate-settings';

/**
 * Memoised on the installed packs (a comma-joined string, so equal lists are equal props): a click that
 * changes the selection re-renders the panel around it, and seven inputs need not be touched for that.
 */
export const GenerateAdvanced = memo(function GenerateAdvanced({ packList }: { packList: string }) {
  const packs = packList ? packList.split(',') : [];
  const s = useGenerateSettings();
  const num = (key: 'variants' | 'steps' | 'maskGrow', min: number, max: number) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setGenerateSettings({ [key]: clampNumber(e.currentTarget.value, min, max, DEFAULT_GENERATE[key]) });
  return (
    <details
      className="generate-advanced"
      open={s.advancedOpen}
      onToggle={(e) => setGenerateSettings({ advancedOpen: e.currentTarget.open })}
    >
      <summary data-testid="generate-advanced">Advanced</summary>
      <div className="fill-form">
        <label title="What should not appear">
          <span>Avoid</span>
          <input
            type="text"
            data-testid="generate-negative"
            value={s.negativePrompt}
            maxLength={4000}
            onChange={(e) => setGenerateSettings({ negativePrompt: e.currentTarget.value })}
          />
        </label>
        <label title="Candidates to compare (each takes as long as one run)">
          <span>Candidates</span>
          <input type="number" min={1} max={4} data-testid="generate-variants" value={s.variants} onChange={num('variants', 1, 4)} />
        </label>
        <label title="More steps: finer detail, slower">
          <span>Steps</span>
          <input type="number" min={1} max={150} data-testid="generate-steps" value={s.steps} onChange={num('steps', 1, 150)} />
        </label>
        <label title="How closely to follow the prompt (1 turns guidance off and halves the work)">
          <span>Guidance</span>
          <input
            type="number"
            min={0}
            max={30}
            step={0.5}
            value={s.guidance}
            onChange={(e) => setGenerateSettings({ guidance: clampNumber(e.currentTarget.value, 0, 30, 7.5, false) })}
          />
        </label>
        <label title="1 paints from scratch; lower keeps more of what is under the selection">
          <span>Strength</span>
          <input
            type="number"
            min={0.05}
            max={1}
            step={0.05}
            value={s.strength}
            onChange={(e) => setGenerateSettings({ strength: clampNumber(e.currentTarget.value, 0.05, 1, 1, false) })}
          />
        </label>
        <label>
          <span>Scheduler</span>
          <select value={s.scheduler} onChange={(e) => setGenerateSettings({ scheduler: e.currentTarget.value as SchedulerChoice })}>
            {SCHEDULER_NAMES.map((n) => (
              <option key={n} value={n}>
                {SCHEDULER_LABELS[n]}
              </option>
            ))}
          </select>
        </label>
        <SeedField
          value={s.seed}
          onChange={(v) => setGenerateSettings({ seed: v })}
          testId="generate-seed"
          title="Leave empty for new candidates each time; a number repeats a result exactly"
        />
        <label title="Match the new area's colours to its surroundings (avoids a colour shift)">
          <span>Colour match</span>
          <input type="checkbox" checked={s.colourMatch} onChange={(e) => setGenerateSettings({ colourMatch: e.currentTarget.checked })} />
        </label>
        <label title="Grow the selection by this much before generating, so no rim of the old object is left (selections sit a few pixels inside an object's edge)">
          <span>Grow mask</span>
          <input type="number" min={0} max={64} data-testid="generate-mask-grow" value={s.maskGrow} onChange={num('maskGrow', 0, 64)} />
        </label>
        {packs.length > 1 && (
          <label>
            <span>Model</span>
            <select
              data-testid="generate-pack"
              value={s.packId ?? ''}
              onChange={(e) => setGenerateSettings({ packId: e.currentTarget.value || null })}
            >
              <option value="">Default</option>
              {packs.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </details>
  );
});
