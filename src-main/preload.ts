import { contextBridge } from 'electron';
import { VERSION_ARG_PREFIX } from './kiosk-window';

// Only constants cross the bridge: the page gets no IPC and no Node.
const versionArg = process.argv.find((arg) => arg.startsWith(VERSION_ARG_PREFIX));

contextBridge.exposeInMainWorld('hallcue', {
  platform: 'electron',
  version: versionArg?.slice(VERSION_ARG_PREFIX.length) ?? 'unknown',
});
