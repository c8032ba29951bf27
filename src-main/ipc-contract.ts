import { z } from 'zod';
import { screenStateSchema } from '../src-shared/hall-state';
import { prefetchSchema, screenAuthSchema } from '../src-shared/protocol';
import { IPC_CHANNEL, type IpcMethod } from './ipc-channels';
import type { HallcueApi } from './preload-api';

export { IPC_CHANNEL, type IpcMethod } from './ipc-channels';

/** Every channel name, for registering and for tests. */
export const IPC_CHANNELS = Object.values(IPC_CHANNEL);

/** The saved-state record, shared by the IPC payload and the state file. */
export const savedStateSchema = z.object({
  hallId: z.string().min(1).max(128),
  state: screenStateSchema,
  offsetMs: z.number().finite(),
});
export type SavedState = z.infer<typeof savedStateSchema>;

const sha256Files = prefetchSchema.shape.files;
const none = z.undefined();

/** The payload schema of each channel; methods without arguments accept nothing. */
export const ipcPayloadSchemas = {
  saveState: savedStateSchema.nullable(),
  loadState: none,
  prefetch: sha256Files,
  held: none,
  screenInfo: none,
  heartbeat: z.object({
    revision: z.number().int().nonnegative(),
    slide: z.number().int().nonnegative().nullable(),
  }),
  setCredentials: z.object({
    controllerUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    screenId: z.string().min(1).max(128),
    key: screenAuthSchema.shape.key.unwrap(),
  }),
  screenshot: none,
} satisfies Record<IpcMethod, z.ZodType>;

/** The validated payload a handler of `M` receives. */
export type IpcPayload<M extends IpcMethod> = z.output<(typeof ipcPayloadSchemas)[M]>;

/** What a handler of `M` returns to the renderer. */
export type IpcResult<M extends IpcMethod> = Awaited<ReturnType<HallcueApi[M]>>;
