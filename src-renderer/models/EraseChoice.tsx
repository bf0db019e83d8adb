// Runs in: renderer. On an installed eraser pack (MI-GAN, LaMa) while more than one is installed: whether
// Remove uses it, or a button to make it so. The engine keeps the choice in the models folder
// (models.prefer, role erase), so it holds for later starts and for `anyfill fill --method auto` too.
import type { PackStatus } from '../../src-shared/contract/model-payloads';
import { getApi, userMessage } from '../core/bridge/api';
import { showError, showNotice } from '../core/state/messages';
import { refreshModels } from './model-actions';
import { getModels, useModels } from './models-store';

async function chooseForRemove(packId: string): Promise<void> {
  const title = getModels().packs?.find((p) => p.id === packId)?.title ?? packId;
  try {
    await getApi().invoke('models.prefer', { role: 'erase', packId });
  } catch (err) {
    showError(userMessage(err, `Could not choose ${title} for Remove.`));
    return;
  }
  await refreshModels();
  showNotice(`Remove now uses ${title}.`);
}

export function EraseChoice({ pack }: { pack: PackStatus }) {
  const inUse = useModels((s) => s.erasePack === pack.id);
  const several = useModels((s) => (s.packs?.filter((p) => p.family === 'eraser' && p.state === 'installed').length ?? 0) > 1);
  if (pack.family !== 'eraser' || !several) return null;
  if (inUse) {
    return (
      <span className="pack-badge accent" data-testid="model-erase-in-use">
        Used by Remove
      </span>
    );
  }
  return (
    <button type="button" className="pack-button" data-testid="model-use-for-remove" onClick={() => void chooseForRemove(pack.id)}>
      Use for Remove
    </button>
  );
}
