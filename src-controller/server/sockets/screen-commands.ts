import type { Reply } from '../../../src-shared/reply';
import { RequestError } from './validated-handler';
import { screenRoom, type ScreenNamespace } from './screen-namespace';

export const IDENTIFY_MS = 8000;
const SCREENSHOT_TIMEOUT_MS = 10_000;

async function connectedSockets(nsp: ScreenNamespace, screenId: string, action: string) {
  const sockets = await nsp.in(screenRoom(screenId)).fetchSockets();
  if (sockets.length === 0) throw new RequestError(`${action}: the screen is offline`);
  return sockets;
}

/** Shows the screen's name large on that screen for a few seconds. */
export async function identifyScreenNow(nsp: ScreenNamespace, screenId: string, label: string) {
  for (const socket of await connectedSockets(nsp, screenId, 'identifyScreen')) {
    socket.emit('identify', { label, durationMs: IDENTIFY_MS });
  }
}

export async function reloadScreenNow(nsp: ScreenNamespace, screenId: string) {
  for (const socket of await connectedSockets(nsp, screenId, 'reloadScreen')) {
    socket.emit('reload');
  }
}

/**
 * Asks the screen for a picture of what it shows. Only the screen app can take one; a browser
 * screen answers that it cannot, and a screen that does not answer in time is reported as such.
 */
export async function screenshotScreenNow(
  nsp: ScreenNamespace,
  screenId: string,
): Promise<{ dataUrl: string }> {
  const [socket] = await connectedSockets(nsp, screenId, 'screenshotScreen');
  if (!socket) throw new RequestError('screenshotScreen: the screen is offline');
  let reply: Reply<{ dataUrl: string }> | undefined;
  try {
    // A fetched socket acknowledges like a broadcast: one answer per socket, in a list.
    const replies = (await socket.timeout(SCREENSHOT_TIMEOUT_MS).emitWithAck('screenshot')) as
      Reply<{ dataUrl: string }>[] | Reply<{ dataUrl: string }>;
    reply = Array.isArray(replies) ? replies[0] : replies;
  } catch {
    throw new RequestError('screenshotScreen: the screen did not answer within 10 s');
  }
  if (!reply || typeof reply !== 'object') {
    throw new RequestError('screenshotScreen: the screen sent no answer');
  }
  if (!reply.ok) throw new RequestError(`screenshotScreen: ${String(reply.error).slice(0, 200)}`);
  const dataUrl = String(reply.data.dataUrl);
  if (!dataUrl.startsWith('data:image/')) {
    throw new RequestError('screenshotScreen: the screen sent something that is not an image');
  }
  return { dataUrl };
}
