// Runs in: renderer. Which installed SAM pack Select uses: chosen on its card in the Models window, kept by
// the engine in the models folder (models.prefer), so it holds for later starts and for the CLI too.
import { getApi, userMessage } from '../core/bridge/api';
import { prepareSegment } from '../segment/api';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { refreshModels } from './model-actions';
import { getModels } from './models-store';

export const isSegmentPack = (family: string): boolean => family === 'sam1' || family === 'sam2';

export async function chooseForSelect(packId: string): Promise<void> {
  const title = getModels().packs?.find((p) => p.id === packId)?.title ?? packId;
  try {
    await getApi().invoke('models.prefer', { role: 'segment', packId });
  } catch (err) {
    showError(userMessage(err, `Could not choose ${title} for Select.`));
    return;
  }
  await refreshModels();
  showNotice(`Select now uses ${title}.`);
  // Embed the open photo with the new pack now, so the first click answers at decoder speed.
  const photo = getState().document?.layers.find((l) => l.kind === 'image');
  if (photo) void prepareSegment(photo.assetId);
}
