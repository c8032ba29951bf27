/**
 * The controller for the switch benchmark, in its own process as in a real hall, so its event
 * loop does not share a thread with the benchmark's browser driving and delaying proxy:
 *
 *   node --import tsx bench/controller-process.ts --mode scheduled|receipt [--packs DIR]
 *
 * Takes key presses and report requests over the fork IPC channel (messages below), and stops
 * (removing its data) when told to or when the channel closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startController } from '../src-controller/server/controller';
import { silentLogger } from '../src-controller/server/logger';
import type { SwitchRecord } from '../src-shared/protocol';

export type ParentToController =
  | { type: 'press'; id: number; key: string }
  | { type: 'record'; id: number; revision: number }
  | { type: 'stop' };

export type ControllerToParent =
  | { type: 'ready'; url: string; port: number }
  | { type: 'pressed'; id: number; revision: number; startAt: number; pressedAt: number }
  | { type: 'record'; id: number; record: SwitchRecord | null }
  | { type: 'failed'; id: number; error: string };

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mode: { type: 'string', default: 'scheduled' }, packs: { type: 'string' } },
  });
  const flipMode = values.mode === 'receipt' ? 'receipt' : 'scheduled';
  const dir = mkdtempSync(join(tmpdir(), 'hallcue-switch-bench-'));
  const controller = await startController({
    dataDir: join(dir, 'data'),
    port: 0,
    host: '127.0.0.1',
    flipMode,
    logger: silentLogger(),
    ...(values.packs ? { demoPacksDir: values.packs } : {}),
  });
  const send = (message: ControllerToParent) => process.send?.(message);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await controller.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('message', async (message: ParentToController) => {
    try {
      if (message.type === 'press') {
        const pressedAt = now();
        const { revision, startAt } = await controller.hall.activate(message.key, 'bench');
        send({ type: 'pressed', id: message.id, revision, startAt, pressedAt });
      } else if (message.type === 'record') {
        send({
          type: 'record',
          id: message.id,
          record: controller.hall.record(message.revision) ?? null,
        });
      } else if (message.type === 'stop') {
        void stop();
      }
    } catch (error) {
      if ('id' in message) send({ type: 'failed', id: message.id, error: String(error) });
    }
  });
  send({ type: 'ready', url: controller.url, port: controller.port });
}

main().catch((error: unknown) => {
  console.error('controller-process:', error);
  process.exit(1);
});
