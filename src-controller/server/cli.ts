import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { publicUrlSchema } from '../../src-shared/visitor';
import { addOpsCommands } from './cli/ops-commands';
import { addPackCommands } from './cli/pack-commands';
import { addSwitchCommand } from './cli/switch-command';
import { addTokenCommands } from './cli/token-commands';
import { startController } from './controller';
import { createLogger } from './logger';
import { HALLCUE_VERSION } from './version';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535');
  }
  return port;
}

function parsePublicUrl(value: string): string {
  const parsed = publicUrlSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'is not an address');
  }
  return parsed.data;
}

/** Addresses other machines in the hall can use to reach this controller. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => net!.address);
}

const program = new Command()
  .name('hallcue')
  .description('HallCue: one key switches every screen of a multimedia hall.')
  .version(HALLCUE_VERSION);

program
  .command('controller')
  .description('run the controller: screens, console and pack library on one port')
  .option('--port <port>', 'port for HTTP and Socket.IO', parsePort, 7400)
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .option('--data <dir>', 'data directory (database and pack files)', './data')
  .option('--hall-name <name>', 'hall name in Chinese, shown on idle screens', '多媒体展厅')
  .option('--hall-name-en <name>', 'hall name in English', 'Multimedia Hall')
  .option('--no-demo', 'do not import the demo packs into an empty library')
  .option(
    '--allow-remote-console',
    'let people log in to the console from other machines (default: only on this machine)',
    false,
  )
  .option('--no-trust-loopback', 'make screens on this machine wait for approval too')
  .option('--flip-on-receipt', 'comparison mode: screens flip when ready, not on schedule', false)
  .option(
    '--public-url <url>',
    "the hall address as visitors' phones see it, for QR codes (default: this machine on the LAN)",
    parsePublicUrl,
  )
  .option('--metrics-from-network', 'serve /metrics to any address, not only this machine', false)
  .option('--lead <ms>', 'fixed lead between a press and the flip (default: adaptive)', parsePort)
  .option(
    '--redis <url>',
    'share the hall with other controller nodes through this Redis (docs/scaling.md)',
    process.env.HALLCUE_REDIS_URL,
  )
  .option(
    '--hall <id>',
    'with --redis: the hall this node serves (same id on all its nodes)',
    'main',
  )
  .option(
    '--node-url <url>',
    "with --redis: this node's address as the other nodes reach it (default: its own)",
  )
  .action(
    async (opts: {
      port: number;
      host: string;
      data: string;
      hallName: string;
      hallNameEn: string;
      demo: boolean;
      allowRemoteConsole: boolean;
      trustLoopback: boolean;
      flipOnReceipt: boolean;
      metricsFromNetwork: boolean;
      lead?: number;
      publicUrl?: string;
      redis?: string;
      hall: string;
      nodeUrl?: string;
    }) => {
      const log = createLogger();
      const dataDir = resolve(opts.data);
      const controller = await startController({
        dataDir,
        port: opts.port,
        host: opts.host,
        hallName: { zh: opts.hallName, en: opts.hallNameEn },
        allowRemoteConsole: opts.allowRemoteConsole,
        trustLoopback: opts.trustLoopback,
        metricsFromNetwork: opts.metricsFromNetwork,
        flipMode: opts.flipOnReceipt ? 'receipt' : 'scheduled',
        ...(opts.lead !== undefined ? { leadMs: opts.lead } : {}),
        ...(opts.publicUrl !== undefined ? { publicUrl: opts.publicUrl } : {}),
        ...(opts.demo ? {} : { demoPacksDir: null }),
        ...(opts.redis
          ? {
              cluster: {
                redisUrl: opts.redis,
                hallId: opts.hall,
                ...(opts.nodeUrl ? { nodeUrl: opts.nodeUrl } : {}),
              },
            }
          : {}),
        ...(process.env.HALLCUE_ADMIN_PASSWORD
          ? {
              initialAdmin: {
                username: process.env.HALLCUE_ADMIN_USER ?? 'admin',
                password: process.env.HALLCUE_ADMIN_PASSWORD,
              },
            }
          : {}),
        logger: log,
      });
      const hosts =
        opts.host === '0.0.0.0'
          ? ['127.0.0.1', ...lanAddresses()]
          : [opts.host.replace(/^::$/, '[::1]')];
      const lines = [
        `HallCue ${HALLCUE_VERSION} controller is running (data: ${dataDir})`,
        `  console:  http://${hosts[0]}:${controller.port}/`,
        ...hosts.map((h) => `  screen:   http://${h}:${controller.port}/screen?screen=NAME`),
        `  visitors: ${controller.publicUrl()}/hall/`,
        `  health:   http://${hosts[0]}:${controller.port}/api/health`,
        ...(controller.auth.setupNeeded()
          ? [
              `  first run: open http://127.0.0.1:${controller.port}/ on this machine to create the administrator`,
            ]
          : []),
        `  metrics:  http://${hosts[0]}:${controller.port}/metrics`,
        ...(controller.cluster
          ? [`  cluster:  hall "${opts.hall}" on ${opts.redis?.replace(/\/\/[^@/]*@/, '//***@')}`]
          : []),
        'Press Ctrl+C to stop.',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'stopping');
        void controller.close().then(() => process.exit(0));
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
  );

addPackCommands(program);
addTokenCommands(program);
addSwitchCommand(program);
addOpsCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`hallcue: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
