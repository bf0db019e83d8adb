// Runs in: every process (pure). Which packs of the model list are ready to use: the one filter the
// Generate panel, its actions and any other "is X installed" check share, so a pack that is downloading,
// damaged or only in the catalog never counts as installed in one place and not in another.
import type { ModelFamily } from './catalog-schema';

/** The fields of a models.list entry this needs (PackStatus has them). */
export interface ListedPack {
  id: string;
  family: ModelFamily;
  state: string;
}

/** Ids of the installed packs of these families, in list order; none while the list is not loaded (null). */
export function installedPackIds(packs: readonly ListedPack[] | null | undefined, families: readonly ModelFamily[]): string[] {
  return (packs ?? []).filter((p) => p.state === 'installed' && families.includes(p.family)).map((p) => p.id);
}

/** Installed generative-fill (SD inpainting) packs. */
export const installedSdPacks = (packs: readonly ListedPack[] | null | undefined): string[] => installedPackIds(packs, ['sd-inpaint']);

/** Is a learned eraser (MI-GAN) installed? */
export const hasInstalledEraser = (packs: readonly ListedPack[] | null | undefined): boolean =>
  installedPackIds(packs, ['eraser']).length > 0;
