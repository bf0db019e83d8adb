// Runs in: tests (node → Chromium). With two SAM packs installed, the Models window says which one Select
// uses and lets the user pick the other; a click then runs on the chosen pack, and the choice survives a
// reload (it lives in the models folder, not the page).
import { describe, expect, it } from 'vitest';
import { SQUARE_AND_DISC } from './scene-masks';
import { useEditor } from './fixture';

describe('choosing the SAM pack', () => {
  const fx = useEditor({ models: (id) => id === 'mobilesam' || id === 'sam-vit-b' });
  const card = (id: string) => fx.page.locator(`[data-testid="model-pack"][data-pack-id="${id}"]`);
  const openModels = async () => {
    await fx.page.getByTestId('menu-file').click();
    await fx.page.locator('[data-command="models.open"]').click();
    await fx.page.getByTestId('model-manager').waitFor();
  };
  type Layer = { kind: string; sam?: { packId: string } | null };
  const selectionPacks = async () =>
    ((await fx.editor.state()).document?.layers as Layer[] | undefined)?.filter((l) => l.kind === 'selection').map((l) => l.sam?.packId) ??
    [];
  /** Click the square with the Select tool, as a user would: the pack that answered, then undo the selection. */
  const clickPack = async () => {
    await fx.page.keyboard.press('Escape'); // the Models window
    await fx.page.getByTestId('model-manager').waitFor({ state: 'detached' });
    await fx.page.getByTestId('tool-select').click();
    const r = await fx.editor.documentRect();
    await fx.page.mouse.click(r.x + r.w * 0.25, r.y + r.h * 0.5);
    await expect.poll(selectionPacks, { timeout: 20_000 }).toHaveLength(1);
    const [pack] = await selectionPacks();
    await fx.page.keyboard.press('Control+z');
    await expect.poll(selectionPacks).toHaveLength(0);
    return pack;
  };

  it('shows the pack in use, switches to the one picked, and keeps the choice after a reload', async () => {
    await fx.editor.openScene(SQUARE_AND_DISC);
    await openModels();
    await card('mobilesam').getByTestId('model-segment-in-use').waitFor();
    expect(await card('sam-vit-b').getByTestId('model-segment-in-use').count()).toBe(0);
    expect(await clickPack()).toBe('mobilesam');

    await openModels();
    await card('sam-vit-b').getByTestId('model-use-for-select').click();
    await card('sam-vit-b').getByTestId('model-segment-in-use').waitFor();
    expect(await card('mobilesam').getByTestId('model-use-for-select').count()).toBe(1);
    expect(await clickPack()).toBe('sam-vit-b');

    await fx.page.reload();
    await fx.page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    await openModels();
    await card('sam-vit-b').getByTestId('model-segment-in-use').waitFor();
    expect(fx.pageErrors).toEqual([]);
  });
});
