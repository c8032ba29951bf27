import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from './ipc-channels';
import { VERSION_ARG_PREFIX } from './kiosk-window';
import type { HallcueApi } from './preload-api';

const versionArg = process.argv.find((arg) => arg.startsWith(VERSION_ARG_PREFIX));

// One function per channel, each forwarding exactly its own argument: the page can reach no
// other channel and never holds ipcRenderer (which would let it send anything, to anyone).
const api: HallcueApi = {
  platform: 'electron',
  version: versionArg?.slice(VERSION_ARG_PREFIX.length) ?? 'unknown',
  saveState: (saved) => ipcRenderer.invoke(IPC_CHANNEL.saveState, saved),
  loadState: () => ipcRenderer.invoke(IPC_CHANNEL.loadState),
  prefetch: (files) => ipcRenderer.invoke(IPC_CHANNEL.prefetch, files),
  held: () => ipcRenderer.invoke(IPC_CHANNEL.held),
  screenInfo: () => ipcRenderer.invoke(IPC_CHANNEL.screenInfo),
  heartbeat: (beat) => ipcRenderer.invoke(IPC_CHANNEL.heartbeat, beat),
  setCredentials: (credentials) => ipcRenderer.invoke(IPC_CHANNEL.setCredentials, credentials),
  screenshot: () => ipcRenderer.invoke(IPC_CHANNEL.screenshot),
};

contextBridge.exposeInMainWorld('hallcue', api);
