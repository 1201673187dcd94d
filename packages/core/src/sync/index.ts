export { createSyncClient } from './sync-client';
export { defaultSyncDeps, defaultSyncOptions } from './sync-deps';
export { outgoingDay } from './outgoing-day';
export type { SyncSource, SyncDeps, SyncOptions, SyncClient } from './types';
