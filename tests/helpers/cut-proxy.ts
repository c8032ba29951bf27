import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the controller whose "network" a test can cut. A cut is silent, like a
 * pulled cable: open connections stay open but nothing gets through (so each side only notices
 * by its own timeouts), and new connections are refused at once. `restore` lets traffic flow
 * again for new connections.
 */
export interface CutProxy {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  let cut = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.on('close', () => open.delete(from));
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
      // Dropped, not queued: what a dead link does to packets.
      from.on('data', (chunk: Buffer) => {
        if (!cut && !to.destroyed) to.write(chunk);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: () => {
      cut = true;
    },
    restore: () => {
      cut = false;
      // Connections frozen by the cut carry a broken stream now: end them, as TCP would.
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
