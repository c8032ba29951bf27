import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startController,
  type Controller,
  type ControllerOptions,
} from '../../src-controller/server/controller';
import { silentLogger } from '../../src-controller/server/logger';
import { writeDemoFolder } from './packs';

/** The administrator every test hall starts with (tests of first-run setup pass initialAdmin: undefined). */
export const TEST_ADMIN = { username: 'admin', password: 'correct horse battery' } as const;

export interface TestHall {
  dataDir: string;
  demoDir: string;
  controller: Controller;
  /** Starts a fresh controller on the same data directory (a restart), optionally reconfigured. */
  restart(overrides?: Partial<ControllerOptions>): Promise<Controller>;
  cleanup(): Promise<void>;
}

/** A real controller on a loopback port 0 with its own temporary data directory. */
export async function startTestHall(options: Partial<ControllerOptions> = {}): Promise<TestHall> {
  const root = mkdtempSync(join(tmpdir(), 'hallcue-test-'));
  const dataDir = join(root, 'data');
  const demoDir = writeDemoFolder(root);
  const start = (overrides: Partial<ControllerOptions> = {}) =>
    startController({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      demoPacksDir: demoDir,
      logger: silentLogger(),
      leadMs: 50,
      initialAdmin: TEST_ADMIN,
      ...options,
      ...overrides,
    });
  const hall: TestHall = {
    dataDir,
    demoDir,
    controller: await start(),
    async restart(overrides) {
      await hall.controller.close();
      hall.controller = await start(overrides);
      return hall.controller;
    },
    async cleanup() {
      await hall.controller.close().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return hall;
}
