// Runs in: benchmark (node → Chromium). `npm run bench` (third part): "select anything" on a 24-megapixel
// image (BENCH_MP=12: 12 MP) with the stand-in MobileSAM, through the real UI and engine: click → mask shown, minus the
// decoder's own run time (hover preview off, so each click is measured alone); bytes per click across the
// process boundary; the hover preview's rate while the pointer moves, and a click after the pointer rested
// (its answer is the hover's, no decoder run); brush frame times while stroking.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { writeStandins } from '../../src-main/standins/index';
import { LANDSCAPE, renderScene } from '../../src-main/standins/sam/scenes';
import { scaledScene } from '../helpers/scenes';
import { launchChromium, repoRoot, startServe } from '../helpers/browser-host-process';
import { clickReplies, recordReplies } from './select-replies';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 60);
const CLICK_GAP_MS = Number(process.env.BENCH_CLICK_GAP_MS ?? 250);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 10) / 10;
const HOVER_SECONDS = Number(process.env.BENCH_HOVER_SECONDS ?? 5);
type Hook = AnyfillTestWindow;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-select-'));
  // 24 MP by default (6000 × 4000); BENCH_MP=12 gives the 12-megapixel photo (4243 × 2828).
  const k = Math.sqrt(Number(process.env.BENCH_MP ?? 24) / 1.5);
  const scene = scaledScene(LANDSCAPE, k);
  const file = path.join(dir, 'scene-24mp.png');
  await sharp(Buffer.from(renderScene(scene)), { raw: { width: scene.width, height: scene.height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toFile(file);
  await writeStandins(path.join(dir, 'models'), (id) => id === 'mobilesam');
  const serve = await startServe([], { ANYFILL_MODELS_DIR: path.join(dir, 'models'), ANYFILL_CACHE_DIR: path.join(dir, 'cache') });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const traffic = await recordReplies(page);
    // Clicks are timed with the hover preview off (a hover's decode would run just before each click).
    await page.addInitScript(() => localStorage.setItem('anyfill.hoverPreview', 'off'));
    // When a click's answer has been handled: listeners that run after the app's own (and the microtasks it
    // queued: the document change, React's render, the overlay's mask), on the page's socket (an answer that
    // lands after the release) and on pointerup (a press answered before it). From there the mask waits only
    // for the display's next frame (0–16.7 ms at 60 Hz, however fast the app is).
    await page.addInitScript(`(() => {
      window.__handled = [];
      window.__handledAt = () => {
        const t = window.__anyfillTest;
        if (window.__pendingSteps === undefined || !t || t.historySize() <= window.__pendingSteps) return;
        window.__handled.push(performance.now());
        window.__pendingSteps = undefined;
      };
      window.addEventListener('pointerup', () => window.__handledAt());
      const Native = window.WebSocket;
      window.WebSocket = function (...args) {
        const socket = new Native(...args);
        let late = false;
        socket.addEventListener('message', () => {
          if (late) return;
          late = true;
          socket.addEventListener('message', (e) => {
            window.__handledAt();
            window.__onSegReply(e.data);
          });
        });
        return socket;
      };
      window.WebSocket.prototype = Native.prototype;
      Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    })()`);
    await page.goto(`${serve.url}?test=1`);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-button').click();
    await (await chooser).setFiles(file);
    await page.getByTestId('layer-item').first().waitFor();
    await page.getByTestId('busy').waitFor({ state: 'hidden' });
    await page.getByTestId('tool-select').click();
    const box = (await page.getByTestId('canvas-container').boundingBox())!;
    const rect = await page.evaluate(
      (size) => {
        const t = (window as never as AnyfillTestWindow).__anyfillTest;
        return { a: t.imageToScreen(0, 0), b: t.imageToScreen(size.w, size.h) };
      },
      { w: scene.width, h: scene.height },
    );
    // Points are given in the 6000 × 4000 frame, whatever the size.
    const at = (x: number, y: number) => ({
      x: box.x + rect.a.x + ((rect.b.x - rect.a.x) * x) / 6000,
      y: box.y + rect.a.y + ((rect.b.y - rect.a.y) * y) / 4000,
    });
    const undo = () => page.evaluate(() => (window as never as Hook).__anyfillTest.historySize());

    // In the page: pointerdown → the first animation frame after the click's undo step exists (what the
    // user waits for, without the test harness's own round trips).
    await page.evaluate(`(() => {
      window.__lat = [];
      let down = null;
      let seen = window.__anyfillTest.historySize();
      window.__downs = [];
      window.addEventListener('pointerdown', () => { down = performance.now(); window.__downs.push(down); seen = window.__anyfillTest.historySize(); window.__pendingSteps = seen; }, true);
      window.addEventListener('pointerup', () => { window.__up = performance.now(); window.__ups.push(window.__up); }, true);
      window.__ups = [];
      const tick = () => {
        const n = window.__anyfillTest.historySize();
        if (down !== null && n > seen) { window.__shownAt = performance.now(); window.__lat.push(window.__shownAt - down); down = null; seen = n; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const latency: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      if (i % 3 === 0) {
        // A new object now and then (first clicks and refinements both). A person's click comes a moment
        // after the Enter, not within the panels' repaint it causes.
        await page.keyboard.press('Enter');
        await page.waitForTimeout(100);
      }
      const p = at(1200 + (i % 5) * 300, 1700 + (i % 4) * 250); // inside the red rectangle
      const steps = await undo();
      const t0 = Date.now();
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((n) => (window as never as Hook).__anyfillTest.historySize() > n, steps, { polling: 'raf' });
      latency.push(Date.now() - t0);
      // A person's next click comes a few hundred ms later: by then the last one's follow-up work (its
      // candidate thumbnails, their logits) is done, so each click is measured alone, as it is felt.
      await page.waitForTimeout(CLICK_GAP_MS);
    }
    const inPage = (await page.evaluate('window.__lat')) as number[];
    let shown = inPage.length;
    // The in-page frame hook records a click in its own animation frame, maybe just after the harness saw it.
    const shownCount = (n: number) =>
      page.waitForFunction((k) => (window as never as { __lat: number[] }).__lat.length >= k, n, { polling: 'raf' });
    // pointerdown → answer handled, mask built (before the frame that shows it).
    const handled = (await page.evaluate('window.__handled.map((t, i) => t - window.__downs[i])')) as number[];
    const clicks = clickReplies(await traffic.take());
    // The decoder run that served each click (the one its press started, as pointerdown comes first).
    const overhead = inPage.map((ms, i) => ms - (clicks[i]?.servedByMs ?? 0));
    const readyOverhead = handled.map((ms, i) => ms - (clicks[i]?.servedByMs ?? 0));

    // A person's click: the button held ~100 ms. The decode starts on the press, so the wait after the
    // release is what is left: release → mask shown (and whether the click ran a decoder of its own).
    const afterRelease: number[] = [];
    const handledBefore = (await page.evaluate('window.__handled.length')) as number;
    const upsBefore = (await page.evaluate('window.__ups.length')) as number;
    for (let i = 0; i < 15; i++) {
      if (i % 3 === 0) await page.keyboard.press('Enter');
      const p = at(1250 + (i % 5) * 300, 1750 + (i % 4) * 250);
      const steps = await undo();
      await page.mouse.move(p.x, p.y);
      await page.mouse.down();
      await page.waitForTimeout(100);
      await page.mouse.up();
      await page.waitForFunction((n) => (window as never as Hook).__anyfillTest.historySize() > n, steps, { polling: 'raf' });
      await shownCount(++shown);
      afterRelease.push((await page.evaluate('window.__shownAt - window.__up')) as number);
      await page.waitForTimeout(CLICK_GAP_MS);
    }
    const pressClicks = clickReplies(await traffic.take());
    // Release → the answer handled and its mask built (the app's own, before the frame).
    const releaseHandled = (await page.evaluate(
      `window.__handled.slice(${handledBefore}).map((t, i) => t - window.__ups[${upsBefore} + i])`,
    )) as number[];

    // Hover preview on: the pointer sweeps the image at 60 moves a second; answers shown per second.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+S');
    const counts = () => page.evaluate(() => (window as never as Hook).__anyfillTest.hoverCounts());
    const c0 = await counts();
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < HOVER_SECONDS * 1000; i++) {
      const p = at(600 + ((i * 37) % 4800), 600 + ((i * 23) % 2800));
      await page.mouse.move(p.x, p.y);
      await page.waitForTimeout(1000 / 60);
    }
    const hoverSeconds = (Date.now() - t0) / 1000;
    const c1 = await counts();
    // Rest on the red rectangle until its preview shows, then click there: the click's answer is the hover's.
    const dwell: number[] = [];
    const dwellRelease: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Enter');
      const p = at(1300 + i * 250, 1800 + (i % 3) * 200);
      await page.mouse.move(p.x, p.y);
      await page.waitForFunction(() => (window as never as Hook).__anyfillTest.hoverMask(60, 40) !== null, undefined, { polling: 'raf' });
      await page.waitForTimeout(100); // the pointer rests: nothing else in flight
      const steps = await undo();
      const before = ((await page.evaluate('window.__lat')) as number[]).length;
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForFunction((n) => (window as never as Hook).__anyfillTest.historySize() > n, steps, { polling: 'raf' });
      await shownCount(before + 1);
      dwell.push(((await page.evaluate('window.__lat')) as number[])[before]!);
      dwellRelease.push((await page.evaluate('window.__shownAt - window.__up')) as number);
    }
    // The clicks' own replies: did any run the decoder, or did each take its hover's?
    const restClicks = clickReplies(await traffic.take());

    // Brush: one stroke of 240 small moves; frame intervals measured in the page with requestAnimationFrame.
    await page.getByTestId('tool-brush').click();
    // A string, not a function: tsx's name-keeping helper would not exist inside the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 400) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const s = at(800, 800);
    await page.mouse.move(s.x, s.y);
    await page.mouse.down();
    for (let i = 1; i <= 240; i++) await page.mouse.move(s.x + i * 2, s.y + Math.sin(i / 10) * 40);
    await page.mouse.up();
    const frames = (await page.evaluate(() => (window as never as { __frames: number[] }).__frames)).slice(5);

    const result = {
      machine: `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.platform}, headless Chromium`,
      image: `${scene.width}×${scene.height} PNG, stand-in MobileSAM`,
      clicks: CLICKS,
      /** Measured in the page: pointerdown → first frame with the click's result. */
      clickToMaskShownMs: { p50: round(pct(inPage, 0.5)), p95: round(pct(inPage, 0.95)) },
      /** The same seen from the test harness (adds its own round trips). */
      harnessClickToMaskMs: { p50: pct(latency, 0.5), p95: pct(latency, 0.95) },
      minusModelRunMs: { p50: round(pct(overhead, 0.5)), p95: round(pct(overhead, 0.95)) },
      /** pointerdown → the answer handled and its mask built, minus the decoder: the app's own latency, before the display's frame wait. */
      readyMinusModelRunMs: { p50: round(pct(readyOverhead, 0.5)), p95: round(pct(readyOverhead, 0.95)) },
      /** The decoder run behind each click (started by its press: pointerdown comes first). */
      decoderRunMs: {
        p50: round(
          pct(
            clicks.map((r) => r.servedByMs),
            0.5,
          ),
        ),
        p95: round(
          pct(
            clicks.map((r) => r.servedByMs),
            0.95,
          ),
        ),
      },
      /** Of the above: the engine's own share (queue, pre/post, encoding the reply); the rest is transport + renderer. */
      engineOverheadMs: {
        p50: round(
          pct(
            clicks.map((r) => r.engineMs),
            0.5,
          ),
        ),
        p95: round(
          pct(
            clicks.map((r) => r.engineMs),
            0.95,
          ),
        ),
      },
      bytesPerClick: {
        request: pct((await traffic.requestBytes()).slice(0, CLICKS), 0.5),
        replyP50: pct(
          clicks.map((r) => r.bytes),
          0.5,
        ),
        replyMax: Math.max(...clicks.map((r) => r.bytes)),
      },
      /** A click held 100 ms: release → mask shown, and how many of the 15 ran a decoder after the release. */
      heldPress: {
        afterReleaseMs: { p50: round(pct(afterRelease, 0.5)), p95: round(pct(afterRelease, 0.95)) },
        /** Release → answer handled, mask built: the app's own, before the display's frame. */
        releaseToHandledMs: { p50: round(pct(releaseHandled, 0.5)), p95: round(pct(releaseHandled, 0.95)) },
        /** Clicks that still sent segment.run on release (their press did not answer them), and decoder runs after release. */
        clicksSent: pressClicks.filter((r) => r.clickSent).length,
        decoderRunsAfterRelease: pressClicks.filter((r) => r.clickRan).length,
      },
      hoverPreview: {
        seconds: round(hoverSeconds),
        requestsPerSecond: round((c1.sent - c0.sent) / hoverSeconds),
        /** Hover answers drawn per second while the pointer keeps moving. */
        answeredPerSecond: round((c1.shown - c0.shown) / hoverSeconds),
        /** A click where the pointer rested (its preview already shown): pointerdown → mask shown. */
        clickAfterRestMs: { p50: round(pct(dwell, 0.5)), p95: round(pct(dwell, 0.95)) },
        /** The same from the release (the harness's press and release are separate messages, some ms apart). */
        clickAfterRestReleaseMs: { p50: round(pct(dwellRelease, 0.5)), p95: round(pct(dwellRelease, 0.95)) },
        /** Of those clicks, how many ran the decoder themselves (0: each took its hover's decode). */
        clickAfterRestDecoderRuns: restClicks.filter((r) => r.ownRun).length,
        clickAfterRestEngineMs: {
          p50: round(
            pct(
              restClicks.map((r) => r.engineMs),
              0.5,
            ),
          ),
        },
      },
      brushFrameMs: { p50: round(pct(frames, 0.5)), p95: round(pct(frames, 0.95)), max: round(Math.max(...frames)) },
    };
    console.log(`\nSelect anything — ${result.machine}, ${result.image}, ${CLICKS} clicks`);
    console.log('| figure | p50 | p95 |\n| --- | --- | --- |');
    console.log(`| click → mask shown | ${result.clickToMaskShownMs.p50} ms | ${result.clickToMaskShownMs.p95} ms |`);
    console.log(`| … minus the decoder's run | ${result.minusModelRunMs.p50} ms | ${result.minusModelRunMs.p95} ms |`);
    console.log(
      `| … of which the app's own (answer handled, mask built; the rest is the wait for the next frame) | ${result.readyMinusModelRunMs.p50} ms | ${result.readyMinusModelRunMs.p95} ms |`,
    );
    console.log(`| … of which inside the engine | ${result.engineOverheadMs.p50} ms | ${result.engineOverheadMs.p95} ms |`);
    console.log(`| decoder run | ${result.decoderRunMs.p50} ms | ${result.decoderRunMs.p95} ms |`);
    console.log(`| bytes per click (reply) | ${result.bytesPerClick.replyP50} B | max ${result.bytesPerClick.replyMax} B |`);
    console.log(
      `| click held 100 ms: release → mask shown | ${result.heldPress.afterReleaseMs.p50} ms | ${result.heldPress.afterReleaseMs.p95} ms |`,
    );
    console.log(
      `| … of which the app's own (release → answer handled, mask built) | ${result.heldPress.releaseToHandledMs.p50} ms | ${result.heldPress.releaseToHandledMs.p95} ms |`,
    );
    console.log(
      `| … requests sent on release / decoder runs after it | ${result.heldPress.clicksSent} / ${result.heldPress.decoderRunsAfterRelease} of 15 | |`,
    );
    console.log(
      `| hover previews answered while moving | ${result.hoverPreview.answeredPerSecond} /s | (${result.hoverPreview.requestsPerSecond} sent /s) |`,
    );
    console.log(
      `| click where the pointer rested → mask shown | ${result.hoverPreview.clickAfterRestMs.p50} ms | ${result.hoverPreview.clickAfterRestMs.p95} ms |`,
    );
    console.log(
      `| … release → mask shown | ${result.hoverPreview.clickAfterRestReleaseMs.p50} ms | ${result.hoverPreview.clickAfterRestReleaseMs.p95} ms |`,
    );
    console.log(
      `| … decoder runs of its own / engine time | ${result.hoverPreview.clickAfterRestDecoderRuns} of 10 | ${result.hoverPreview.clickAfterRestEngineMs.p50} ms |`,
    );
    console.log(`| brush frame interval | ${result.brushFrameMs.p50} ms | ${result.brushFrameMs.p95} ms |`);
    await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
    await writeFile(path.join(repoRoot, 'bench-results', 'select.json'), JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await serve.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
