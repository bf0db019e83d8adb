// Runs in: every process. Channel and event names without their schemas, for code that must stay small
// and zod-free (the sandboxed preload). contract.ts checks at compile time that these match its entries.
export const CHANNEL_OWNERS = {
  'app.info': 'engine',
  'image.open': 'engine',
  'image.proxy': 'engine',
  'image.decoded': 'engine',
  'image.release': 'engine',
  'document.exportPng': 'engine',
  'document.exportLayers': 'engine',
  'document.exportLayersTo': 'internal',
  'project.save': 'engine',
  'project.saveTo': 'internal',
  'project.open': 'engine',
  'project.openPath': 'internal',
  'project.autosave': 'engine',
  'project.recoverable': 'engine',
  'project.recover': 'engine',
  'project.reattach': 'engine',
  'project.discardRecovery': 'engine',
  'segment.prepare': 'engine',
  'segment.run': 'engine',
  'segment.candidates': 'engine',
  'segment.prefetch': 'engine',
  'segment.fullRes': 'engine',
  'segment.everything': 'engine',
  'detect.run': 'engine',
  'selection.mask': 'engine',
  'layer.clear': 'engine',
  'fill.run': 'engine',
  'inpaint.run': 'engine',
  'inpaint.plan': 'engine',
  'erase.plan': 'engine',
  'outpaint.run': 'engine',
  'generate.estimate': 'engine',
  'job.cancel': 'engine',
  'models.list': 'engine',
  'models.prefer': 'engine',
  'models.download': 'engine',
  'models.cancel': 'engine',
  'models.remove': 'engine',
  'models.verify': 'engine',
  'models.import': 'internal',
  'shell.stageBytes': 'shell',
  'shell.pickImage': 'shell',
  'shell.saveExport': 'shell',
  'shell.setMenu': 'shell',
  'shell.recentFiles': 'shell',
  'shell.openRecent': 'shell',
  'shell.importModels': 'shell',
  'shell.closeWindow': 'shell',
} as const;

export const EVENT_NAMES = ['engine.status', 'asset.decoded', 'menu.command', 'models.progress', 'segment.ready', 'job.progress'] as const;

/**
 * engine: any host forwards it from the renderer; shell: answered by Electron main itself;
 * internal: answered by the engine but callable only by a host (it takes a file-system path).
 */
export type ChannelOwner = 'engine' | 'shell' | 'internal';
export type ChannelName = keyof typeof CHANNEL_OWNERS;
export type EventName = (typeof EVENT_NAMES)[number];

export const channelNames = Object.keys(CHANNEL_OWNERS) as ChannelName[];
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(CHANNEL_OWNERS, name);
export const isEventName = (name: string): name is EventName => (EVENT_NAMES as readonly string[]).includes(name);
export const ownerOf = (name: ChannelName): ChannelOwner => CHANNEL_OWNERS[name];
