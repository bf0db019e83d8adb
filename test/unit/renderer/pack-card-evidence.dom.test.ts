// Runs in: vitest (node; rendered to markup with react-dom/server). An installed pack that no published
// sha256 vouched for shows a small "unverified" badge and the reason; a pinned one shows neither.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import type { PackStatus } from '../../../src-shared/contract/model-payloads';
import { PackCard } from '../../../src-renderer/models/PackCard';

const NOTE =
  "No sha256 is published for mobile_sam_image_encoder.onnx (not in the catalog, the hub's listing or its headers): only a structural check vouched for it.";

function pack(over: Partial<PackStatus>): PackStatus {
  return {
    id: 'mobilesam',
    family: 'sam1',
    layout: 'sam1-acly',
    title: 'MobileSAM',
    description: 'A light SAM.',
    licence: { name: 'Apache-2.0', url: 'https://example.invalid/l' },
    precision: 'fp32',
    recommendedDevice: 'cpu',
    memoryMB: 400,
    state: 'installed',
    bytes: 44_000_000,
    installedBytes: 44_000_000,
    source: 'download',
    inCatalog: true,
    device: { name: 'cpu', note: 'Running on CPU.' },
    files: [],
    ...over,
  };
}

it('shows the unverified badge with its reason for a pack only a structural check vouched for', () => {
  const html = renderToStaticMarkup(createElement(PackCard, { pack: pack({ evidence: 'unverified', evidenceNote: NOTE }) }));
  expect(html).toMatch(
    /<span class="pack-badge warn" data-testid="model-unverified" title="No sha256 is published for mobile_sam_image_encoder.onnx [^"]*">unverified<\/span>/,
  );
  expect(html).toContain(`data-testid="model-evidence-note">Unverified: ${NOTE.replace(/'/g, '&#x27;')}</p>`);
});

it('shows no badge for a pinned pack, an older manifest that does not say, or a pack not installed that the catalog vouches for', () => {
  for (const over of [
    { evidence: 'pinned' as const },
    {},
    { state: 'available' as const },
    { state: 'available' as const, evidence: 'size-only' as const },
  ]) {
    const html = renderToStaticMarkup(createElement(PackCard, { pack: pack(over) }));
    expect(html).not.toContain('model-unverified');
    expect(html).not.toContain('model-evidence-note');
  }
});

it('warns before a download when the catalog itself says public evidence does not confirm the pack', () => {
  const reason = 'Only unet/model.onnx is confirmed at this commit; the other nine files assume the diffusers ONNX layout.';
  const html = renderToStaticMarkup(
    createElement(PackCard, { pack: pack({ state: 'available', installedBytes: 0, evidence: 'unverified', evidenceNote: reason }) }),
  );
  expect(html).toContain('data-testid="model-unverified"');
  expect(html).toContain(`Unverified: ${reason}`);
});
