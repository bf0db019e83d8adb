// Runs in: tsc only (never executed). Type-level tests of the contract: `npm run typecheck` fails if a
// channel without a contract entry, or a payload of the wrong shape, compiles.
import type { AnyfillApi } from '../../src-shared/contract/api';
import type { ResponseOf } from '../../src-shared/contract/contract';
import type { AssetId, LayerId } from '../../src-shared/document/ids';

declare const api: AnyfillApi;
declare const layerId: LayerId;

export async function contractTypeTests(): Promise<void> {
  // @ts-expect-error a channel that is not in the contract must not compile
  await api.invoke('image.delete', {});
  // @ts-expect-error the request must match the channel's schema
  await api.invoke('image.open', { fileId: 42 });
  // @ts-expect-error events must be in the contract too
  api.on('engine.exploded', () => undefined);
  // @ts-expect-error a LayerId is not an AssetId (branded ids)
  await api.invoke('image.release', { assetId: layerId });

  // The response type follows the channel.
  const info: ResponseOf<'app.info'> = await api.invoke('app.info', {});
  const pid: number = info.engine.pid;
  const assetId: AssetId | undefined = undefined;
  void pid;
  void assetId;
}
