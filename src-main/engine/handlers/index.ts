// Runs in: engine process. Every engine-owned channel mapped to its handler.
import type { EngineHandlers } from '../engine-context';
import { appInfo } from './app-handlers';
import { detectRun } from './detect-handlers';
import { fillRun, jobCancel } from './fill-handlers';
import { erasePlan } from './erase-handlers';
import { inpaintPlan, inpaintRun, outpaintRun } from './inpaint-handlers';
import { generateEstimate } from './estimate-handlers';
import { selectionMask } from './selection-handlers';
import { layerClear } from './layer-handlers';
import { segmentEverything, segmentFullRes, segmentPrepare, segmentRun, segmentCandidates, segmentPrefetch } from './segment-handlers';
import { documentExportPng } from './document-handlers';
import { documentExportLayers, documentExportLayersTo } from './export-handlers';
import {
  projectAutosave,
  projectDiscardRecovery,
  projectOpen,
  projectOpenPath,
  projectReattach,
  projectRecover,
  projectRecoverable,
  projectSave,
  projectSaveTo,
} from './project-handlers';
import { imageDecoded, imageOpen, imageProxy, imageRelease } from './image-handlers';
import { modelsCancel, modelsDownload, modelsImport, modelsList, modelsPrefer, modelsRemove, modelsVerify } from './model-handlers';

export function createEngineHandlers(): EngineHandlers {
  return {
    'app.info': appInfo,
    'image.open': imageOpen,
    'image.proxy': imageProxy,
    'image.decoded': imageDecoded,
    'image.release': imageRelease,
    'document.exportPng': documentExportPng,
    'document.exportLayers': documentExportLayers,
    'document.exportLayersTo': documentExportLayersTo,
    'project.save': projectSave,
    'project.saveTo': projectSaveTo,
    'project.open': projectOpen,
    'project.openPath': projectOpenPath,
    'project.autosave': projectAutosave,
    'project.recoverable': projectRecoverable,
    'project.recover': projectRecover,
    'project.reattach': projectReattach,
    'project.discardRecovery': projectDiscardRecovery,
    'segment.prepare': segmentPrepare,
    'segment.run': segmentRun,
    'segment.candidates': segmentCandidates,
    'segment.prefetch': segmentPrefetch,
    'segment.fullRes': segmentFullRes,
    'segment.everything': segmentEverything,
    'detect.run': detectRun,
    'selection.mask': selectionMask,
    'layer.clear': layerClear,
    'fill.run': fillRun,
    'inpaint.run': inpaintRun,
    'inpaint.plan': inpaintPlan,
    'erase.plan': erasePlan,
    'outpaint.run': outpaintRun,
    'generate.estimate': generateEstimate,
    'job.cancel': jobCancel,
    'models.list': modelsList,
    'models.prefer': modelsPrefer,
    'models.download': modelsDownload,
    'models.cancel': modelsCancel,
    'models.remove': modelsRemove,
    'models.verify': modelsVerify,
    'models.import': modelsImport,
  };
}

export { hardenSharp } from '../images/harden-sharp';
