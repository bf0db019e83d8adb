// Runs in: vitest (node). The installed-pack filter the Generate panel and its actions share: only packs
// whose state is 'installed' count, of the families asked for, in list order.
import { describe, expect, it } from 'vitest';
import { hasInstalledEraser, installedSdPacks, type ListedPack } from '../../../src-shared/models/installed';

const list: ListedPack[] = [
  { id: 'sd15-inpaint', family: 'sd-inpaint', state: 'installed' },
  { id: 'sd15-inpaint-fp16', family: 'sd-inpaint', state: 'downloading' },
  { id: 'sd2-inpaint', family: 'sd-inpaint', state: 'damaged' },
  { id: 'mobilesam', family: 'sam1', state: 'installed' },
  { id: 'migan-512', family: 'eraser', state: 'incomplete' },
  { id: 'standin-sd', family: 'sd-inpaint', state: 'installed' },
];

describe('installed packs', () => {
  it('counts only installed packs of the family, in list order', () => {
    expect(installedSdPacks(list)).toEqual(['sd15-inpaint', 'standin-sd']);
  });

  it('a partial eraser download is not an eraser; an installed one is', () => {
    expect(hasInstalledEraser(list)).toBe(false);
    expect(hasInstalledEraser([...list, { id: 'migan-512', family: 'eraser', state: 'installed' }])).toBe(true);
  });

  it('nothing is installed while the list has not loaded', () => {
    expect(installedSdPacks(null)).toEqual([]);
    expect(hasInstalledEraser(undefined)).toBe(false);
  });
});
