// Runs in: engine process. Every engine-owned channel mapped to its handler.
import type { EngineHandlers } from '../engine-context';
import { appInfo } from './app-handlers';
import { documentExportPng } from './document-handlers';
import { imageDecoded, imageOpen, imageProxy, imageRelease } from './image-handlers';

export function createEngineHandlers(): EngineHandlers {
  return {
    'app.info': appInfo,
    'image.open': imageOpen,
    'image.proxy': imageProxy,
    'image.decoded': imageDecoded,
    'image.release': imageRelease,
    'document.exportPng': documentExportPng,
  };
}

export { hardenSharp } from '../images/harden-sharp';
export { resetAssetStoreForTests } from '../images/asset-store';
