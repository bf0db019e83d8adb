// Runs in: tests (node → Chromium). A 150-byte PNG that claims 12000 × 12000 (a decompression bomb's shape):
// the editor asks before the engine allocates anything, naming the sizes and the memory; Cancel leaves
// the open photo exactly as it was and says nothing more; Open Anyway goes ahead (and the decoder then finds
// the data missing, which is said with the file's name).
import { describe, expect, it } from 'vitest';
import { BLUE, RED, type Scene } from '../../src-main/standins/sam/scenes';
import { pngClaiming } from '../helpers/bad-images';
import { useEditor } from './fixture';

const SCENE: Scene = {
  width: 600,
  height: 400,
  background: BLUE,
  shapes: [{ kind: 'rect', rgb: RED, x0: 200, y0: 100, x1: 400, y1: 300 }],
};

describe('opening a huge or suspicious image', () => {
  const fx = useEditor();

  it('asks first, and Cancel changes nothing', async () => {
    await fx.editor.openScene(SCENE);
    const before = JSON.stringify((await fx.editor.state()).document);
    const bomb = pngClaiming(12000, 12000); // a valid header, 64 bytes of pixel data
    await fx.editor.openBytesWithDialog('postcard.png', bomb);
    const prompt = fx.page.getByTestId('large-open-prompt');
    await prompt.waitFor();
    await expect
      .poll(() => prompt.innerText())
      .toMatch(
        /postcard\.png claims to be 12000 × 12000 \(144 MP\) but the file is only [\d.]+ KB.*decompression bomb.*about 1\.6 GB of memory/s,
      );
    const messages = (await fx.editor.messages()).length;
    await fx.page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'hidden' });
    await fx.editor.waitIdle();
    expect(JSON.stringify((await fx.editor.state()).document)).toBe(before);
    expect((await fx.editor.messages()).length).toBe(messages);

    await fx.editor.openBytesWithDialog('postcard.png', bomb);
    await prompt.waitFor();
    await fx.page.getByTestId('large-open-anyway').click();
    await expect.poll(async () => (await fx.editor.messages()).at(-1) ?? '').toMatch(/postcard\.png.*damaged or incomplete/);
    await fx.editor.waitIdle();
    expect(JSON.stringify((await fx.editor.state()).document)).toBe(before);
    expect(fx.pageErrors).toEqual([]);
  });
});
