// Runs in: vitest (Node). Which URLs the shell trusts: the app's own pages, and documentation links it
// may hand to the user's browser (every licence link in the catalog must be one of those).
import { describe, expect, it } from 'vitest';
import { isAppUiUrl, isExternalDocLink } from '../../src-main/electron/origins';
import { loadCatalog } from '../../src-main/engine/models/catalog';

describe('origins', () => {
  it('opens only https documentation links externally', () => {
    expect(isExternalDocLink('https://huggingface.co/Acly/MobileSAM')).toBe(true);
    for (const bad of [
      'http://huggingface.co/x',
      'https://huggingface.co.evil.example/x',
      'https://user@huggingface.co/x',
      'https://huggingface.co:8443/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://ui/index.html',
      '',
    ]) {
      expect(isExternalDocLink(bad), bad).toBe(false);
    }
  });

  it('every catalog licence link can be opened', () => {
    for (const pack of loadCatalog().packs) expect(isExternalDocLink(pack.licence.url), pack.id).toBe(true);
  });

  it('trusts app://ui exactly', () => {
    expect(isAppUiUrl('app://ui/index.html')).toBe(true);
    for (const bad of ['app://ui.evil/index.html', 'app://evil@ui/x', 'app://files/x', 'https://ui/x'])
      expect(isAppUiUrl(bad), bad).toBe(false);
  });
});
