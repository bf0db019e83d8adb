// Runs in: tooling (node → Chromium). Refreshes the README screenshot: `npx tsx scripts/screenshot.ts`
// (after `npm run build`). Opens truck.jpg in the browser host and saves assets/screenshot.jpg.
import path from 'node:path';
import sharp from 'sharp';
import { launchChromium, repoRoot, sharedImages, startServe } from '../test/helpers/browser-host-process';

async function main(): Promise<void> {
  const serve = await startServe();
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(serve.url);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-button').click();
    await (await chooser).setFiles(path.join(sharedImages, 'truck.jpg'));
    await page.getByTestId('layer-item').first().waitFor();
    await page.getByTestId('busy').waitFor({ state: 'hidden' });
    await page.waitForTimeout(500);
    const png = await page.screenshot();
    await sharp(png)
      .resize(1200)
      .jpeg({ quality: 82, mozjpeg: true })
      .toFile(path.join(repoRoot, 'assets', 'screenshot.jpg'));
  } finally {
    await browser.close();
    await serve.stop();
  }
}

void main();
