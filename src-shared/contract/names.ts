// Runs in: every process. Channel and event names without their schemas, for code that must stay small
// and zod-free (the sandboxed preload). contract.ts checks at compile time that these match its entries.
export const CHANNEL_OWNERS = {
  'app.info': 'engine',
  'image.open': 'engine',
  'image.proxy': 'engine',
  'image.decoded': 'engine',
  'image.release': 'engine',
  'document.exportPng': 'engine',
  'shell.stageBytes': 'shell',
  'shell.pickImage': 'shell',
  'shell.saveExport': 'shell',
  'shell.setMenu': 'shell',
  'shell.recentFiles': 'shell',
  'shell.openRecent': 'shell',
} as const;

export const EVENT_NAMES = ['engine.status', 'asset.decoded', 'menu.command'] as const;

export type ChannelOwner = 'engine' | 'shell';
export type ChannelName = keyof typeof CHANNEL_OWNERS;
export type EventName = (typeof EVENT_NAMES)[number];

export const channelNames = Object.keys(CHANNEL_OWNERS) as ChannelName[];
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(CHANNEL_OWNERS, name);
export const isEventName = (name: string): name is EventName => (EVENT_NAMES as readonly string[]).includes(name);
export const ownerOf = (name: ChannelName): ChannelOwner => CHANNEL_OWNERS[name];
