// Kept apart from ipc-contract.ts (zod schemas) so the sandboxed preload bundles only these names.

/** IPC channel of each `window.hallcue` method: the only channels the app handles. */
export const IPC_CHANNEL = {
  saveState: 'hallcue:saveState',
  loadState: 'hallcue:loadState',
  prefetch: 'hallcue:prefetch',
  held: 'hallcue:held',
  screenInfo: 'hallcue:screenInfo',
  heartbeat: 'hallcue:heartbeat',
  setCredentials: 'hallcue:setCredentials',
  screenshot: 'hallcue:screenshot',
} as const;

/** A `window.hallcue` method that crosses IPC. */
export type IpcMethod = keyof typeof IPC_CHANNEL;
