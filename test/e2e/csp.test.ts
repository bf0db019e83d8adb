// Runs in: tests (node → Chromium). The renderer runs under a CSP with no 'unsafe-inline' for styles: the
// policy is enforced (an injected <style> or style attribute is blocked and reported), and an ordinary
// session — open a photo, select with a click, open the menus, the Models window and the panels — causes
// no violation at all (React's style props and Konva go through the CSSOM, which the policy allows; zod
// runs jitless, so its eval probe is not reported either).
import { describe, expect, it } from 'vitest';
import { BLUE, RED, type Scene } from '../../src-main/standins/sam/scenes';
import { useEditor } from './fixture';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const SCENE: Scene = {
  width: 900,
  height: 600,
  background: BLUE,
  shapes: [{ kind: 'rect', rgb: RED, x0: 300, y0: 200, x1: 600, y1: 400 }],
};
type Win = { __csp: string[] };

describe('content security policy', () => {
  const fx = useEditor({
    models: (id) => id === 'mobilesam' || id === 'gdino-tiny',
    beforeLoad: (page) =>
      void page.addInitScript(() => {
        (window as unknown as Win).__csp = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as Win).__csp.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`),
        );
      }),
  });
  const violations = () => fx.page.evaluate(() => (window as unknown as Win).__csp);

  it('sends a style-src without unsafe-inline', async () => {
    const res = await fx.page.request.get(fx.serve.url);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('runs a whole session without a violation', async () => {
    await fx.editor.openScene(SCENE);
    await fx.page.keyboard.press('s');
    const r = await fx.editor.documentRect();
    await fx.page.mouse.click(r.x + r.w * 0.5, r.y + r.h * 0.5);
    await fx.page.waitForFunction(
      () =>
        (window as unknown as AnyfillTestWindow<{ document: { layers: unknown[] } }>).__anyfillTest.getState().document.layers.length === 2,
    );
    for (const menu of await fx.page.getByRole('menubar').getByRole('menuitem').all()) {
      await menu.click();
      await fx.page.keyboard.press('Escape');
    }
    await fx.page.keyboard.press('Control+f');
    await fx.page.keyboard.press('Escape');
    expect(await violations()).toEqual([]);
    expect(fx.pageErrors).toEqual([]);
  });

  it('blocks and reports an injected inline style', async () => {
    await fx.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 9px solid red }';
      document.head.append(style);
      document.body.setAttribute('style', 'outline: 9px solid red');
    });
    await fx.page.waitForFunction(() => (window as unknown as Win).__csp.length >= 2);
    expect(await fx.page.evaluate(() => getComputedStyle(document.body).outlineStyle)).not.toBe('solid');
    expect((await violations()).every((v) => v.startsWith('style-src'))).toBe(true);
  });
});
