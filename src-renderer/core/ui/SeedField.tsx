// Runs in: renderer. The seed input every generating panel shows (fill, generative fill, extend canvas).
import { MAX_SEED, parseSeed } from '../state/seed';

export function SeedField({
  value,
  onChange,
  testId,
  title,
}: {
  value: number | null;
  onChange: (seed: number | null) => void;
  testId: string;
  title: string;
}) {
  return (
    <label title={title}>
      <span>Seed</span>
      <input
        type="number"
        min={0}
        max={MAX_SEED}
        placeholder="random"
        value={value ?? ''}
        data-testid={testId}
        onChange={(e) => onChange(parseSeed(e.currentTarget.value))}
      />
    </label>
  );
}
