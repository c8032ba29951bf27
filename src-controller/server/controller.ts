import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import { setupRequestSchema } from '../../src-shared/accounts';
import type { Localized } from '../../src-shared/localized';
import { describeIssues } from '../../src-shared/protocol';
import { allFileHashes } from './db/packs-table';
import { startCheckpointer } from './db/checkpointer';
import { openDatabase, type Db } from './db/open';
import { getScreen } from './db/screens-table';
import { getOrCreateSetting } from './db/settings-table';
import { keyForPack } from './db/themes-table';
import { FrameGrid } from './hall/frame-grid';
import { Hall, type ChangeScope, type Clock } from './hall/hall';
import { prefetchList, themeFiles } from './hall/theme-files';
import { createRequestHandler } from './http/http-server';
import { createLogger, type Logger } from './logger';
import { ClusterNode } from './cluster/cluster-node';
import { HALL_ID_PATTERN } from './cluster/redis-keys';
import { ReplicatedRegistry } from './cluster/replicated-registry';
import { LibrarySync } from './cluster/library-sync';
import { ACCOUNT_TABLES, ReplicatedTables, SETTINGS_TABLE } from './cluster/replicated-tables';
import { AuthService } from './auth/auth-service';
import { LoginLimiter, type LimiterRule } from './auth/login-limiter';
import { Access } from './http/access';
import { createConsoleApi } from './http/console-api';
import { ControllerMetrics } from './metrics';
import { isLoopback } from './net';
import { seedDemoPacks } from './packs/demo-packs';
import { FileStore } from './packs/file-store';
import { DEFAULT_PACK_LIMITS, type PackLimits } from './packs/pack-limits';
import { PageUrls } from './packs/page-urls';
import { PackLibrary } from './packs/pack-library';
import { removeRunningMarker, writeRunningMarker } from './running-marker';
import { ScreenRegistry } from './screens/screen-registry';
import { setupConsoleNamespace } from './sockets/console-namespace';
import { observeEvents } from './sockets/validated-handler';
import {
  admitScreen,
  broadcastState,
  expelScreen,
  relocateScreen,
  sendPrefetchLists,
  setupScreenNamespace,
} from './sockets/screen-namespace';
import { identifyScreenNow, reloadScreenNow, screenshotScreenNow } from './sockets/screen-commands';
import { readKeymap } from './hall/keymap';
import { ProgrammeRunner } from './programme/programme-runner';
import { HALLCUE_VERSION } from './version';
import type { RateLimit } from './visitor/rate-limit';
import { createVisitorService } from './visitor/visitor-service';

export interface ControllerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** The hall's name in both languages, for idle screens and the console. */
  hallName?: Localized;
  /** Folder of demo packs imported into an empty library; null to start empty. */
  demoPacksDir?: string | null;
  /** Where the built console and screen pages are. */
  webRoot?: string;
  /** Approve screens on this machine automatically (demo and tests); default true. */
  trustLoopback?: boolean;
  /** Let consoles on other machines log in; by default only the controller machine may. */
  allowRemoteConsole?: boolean;
  /**
   * Creates this administrator at start when no account exists yet (automated installs:
   * HALLCUE_ADMIN_USER and HALLCUE_ADMIN_PASSWORD); otherwise the console asks on first visit.
   */
  initialAdmin?: { username: string; password: string } | undefined;
  loginLimits?: { perUser: LimiterRule; perAddress: LimiterRule };
  /** Fixed lead (ms) between a press and the flip; adaptive when not given. */
  leadMs?: number;
  /** `receipt` makes screens flip as soon as ready, for comparison only (docs/sync.md). */
  flipMode?: 'scheduled' | 'receipt';
  packLimits?: Partial<PackLimits>;
  /** The hall's address as visitors' phones see it, for QR codes (--public-url). */
  publicUrl?: string;
  /** Requests per address on the visitor pages (tests lower it). */
  visitorRateLimit?: RateLimit;
  /** Serve `/metrics` to any address, not only to this machine (and allowed consoles). */
  metricsFromNetwork?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** Wall-clock epoch ms for the weekly programme; tests move it by hand. */
  wallClock?: () => number;
  /** The programme's time zone; the controller's own (TZ) by default. */
  timeZone?: string;
  /** How often the programme checks the clock (ms); 0 leaves it to explicit ticks (tests). */
  programmeTickMs?: number;
  /**
   * Share the hall with other controller nodes through Redis (docs/scaling.md). Without it this
   * controller and its SQLite file are the whole hall, as before.
   */
  cluster?: {
    redisUrl: string;
    /** Which hall this node serves; every node of one hall gives the same id. */
    hallId: string;
    /** This node's address for the other nodes (default: its own URL). */
    nodeUrl?: string;
    heartbeatMs?: number;
  };
}

export interface Controller {
  url: string;
  port: number;
  db: Db;
  hall: Hall;
  programme: ProgrammeRunner;
  auth: AuthService;
  /** The hall's address for visitors' phones now (setting, --public-url or detected). */
  publicUrl(): string;
  metrics: ControllerMetrics;
  /** This node's membership of a Redis cluster, when started with `cluster`. */
  cluster: ClusterNode | null;
  /** Keeps this node's pack library the same as the hall's, in a cluster. */
  librarySync: LibrarySync | null;
  close(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Screens get at most one state per this many ms; presses in between are superseded. */
const BROADCAST_GAP_MS = 100;

const consoleUpdateGapMs = (online: number) => 200 * Math.max(1, Math.ceil(online / 500));

/** A monotonic clock in epoch-like milliseconds; wall-clock jumps never move it. */
export const monotonicClock: Clock = () => performance.timeOrigin + performance.now();

/** Starts a controller: database, file store, HTTP and Socket.IO on one port. */
export async function startController(options: ControllerOptions): Promise<Controller> {
  const log = options.logger ?? createLogger();
  const clock = options.clock ?? monotonicClock;
  const hallName = options.hallName ?? { zh: '多媒体展厅', en: 'Multimedia Hall' };
  if (options.cluster && !HALL_ID_PATTERN.test(options.cluster.hallId)) {
    throw new Error(
      `--hall: "${options.cluster.hallId}" is not a hall id (lower-case letters, digits and -, at most 40)`,
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'hallcue.db'));
  const checkpointer = startCheckpointer(db, {
    failed: (reason) =>
      log.warn({ reason }, 'the WAL checkpoint thread failed; SQLite checkpoints on commit again'),
  });
  const store = new FileStore(options.dataDir);
  let http: HttpServer | undefined;
  let io: Server | undefined;
  let cluster: ClusterNode | null = null;
  let registryReplica: ReplicatedRegistry | undefined;
  let librarySync: LibrarySync | null = null;
  let accountsReplica: ReplicatedTables | undefined;
  try {
    await store.init();
    // Uploads and imports cut short by a crash leave files nobody refers to: clear them.
    await rm(join(options.dataDir, 'uploads'), { recursive: true, force: true });
    const orphans = await store.removeOrphans(allFileHashes(db));
    if (orphans > 0) log.warn({ orphans }, 'removed files left by an interrupted import');
    const demoDir =
      options.demoPacksDir === undefined ? join(repoRoot, 'assets', 'packs') : options.demoPacksDir;
    const limits = { ...DEFAULT_PACK_LIMITS, ...options.packLimits };
    if (demoDir) await seedDemoPacks(db, store, demoDir, limits, log);

    const pages = new PageUrls(db);
    const hall = new Hall(db, clock, pages, options.leadMs, options.flipMode ?? 'scheduled');
    const library = new PackLibrary(db, store, limits);
    const registry = new ScreenRegistry(db);
    hall.expectedScreens = (zone) =>
      cluster
        ? [...registry.onlineApproved(zone), ...cluster.remoteScreens(zone)]
        : registry.onlineApproved(zone);
    const localOnly = (ids: readonly string[]) => {
      const here = new Set(registry.onlineApproved());
      return ids.filter((id) => here.has(id));
    };
    const frameGrid = new FrameGrid(clock);
    hall.alignStart = (time) => frameGrid.align(time);
    const themes = () => hall.themes(registry.armed(themeFiles(db)));
    const screenSummaries = () => registry.summaries(prefetchList(themeFiles(db)).length);
    const programme = new ProgrammeRunner(
      db,
      hall,
      options.wallClock ?? Date.now,
      options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      log,
    );
    const webRoot = options.webRoot ?? join(repoRoot, 'dist');
    const auth = new AuthService(db, new LoginLimiter(options.loginLimits));
    if (options.initialAdmin && auth.setupNeeded()) {
      const admin = setupRequestSchema.safeParse(options.initialAdmin);
      if (!admin.success) {
        throw new Error(`HALLCUE_ADMIN_USER/PASSWORD: ${describeIssues(admin.error)}`);
      }
      await auth.createFirstAdministrator(admin.data, {
        actor: 'controller',
        address: null,
        via: 'HALLCUE_ADMIN_PASSWORD',
      });
      log.info({ user: admin.data.username }, 'administrator created from the environment');
    }
    const access = new Access(auth, options.allowRemoteConsole ?? false);
    const visitor = createVisitorService({
      db,
      store,
      log,
      hallName,
      dataDir: options.dataDir,
      webRoot,
      publicUrlFlag: options.publicUrl,
      rateLimit: options.visitorRateLimit,
      port: () => (http?.address() as AddressInfo | null)?.port ?? options.port ?? 7400,
    });
    hall.visitorUrl = (packId) => visitor.pageUrlFor(packId);
    const metrics = new ControllerMetrics({
      onlineScreens: () => registry.onlineCount,
      approvedScreens: () =>
        (db.prepare('SELECT count(*) AS n FROM screens WHERE approved = 1').get() as { n: number })
          .n,
      revision: () => hall.current.revision,
    });
    library.onImported = (ms, outcome) => metrics.imported(ms, outcome);

    http = createServer(
      createRequestHandler({
        db,
        hall,
        store,
        log,
        version: HALLCUE_VERSION,
        webRoot,
        access,
        consoleApi: createConsoleApi({ db, hall, auth, access, log, cluster: () => cluster }),
        pages,
        visitor: visitor.handler,
        metrics: {
          contentType: metrics.contentType,
          text: () => metrics.text(),
          mayRead: (address) => options.metricsFromNetwork === true || isLoopback(address),
        },
        onError: () => metrics.errors.inc({ kind: 'http' }),
        clusterRoutes: (req, res) => librarySync?.handle(req, res) ?? false,
        upload: {
          library,
          uploadsDir: join(options.dataDir, 'uploads'),
          log,
          onProgress: (progress) => consoles.emit('packProgress', progress),
        },
      }),
    );
    io = new Server(http, {
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 8_000,
    });
    observeEvents(io, {
      refused: (namespace, reason) => metrics.refused.inc({ namespace, reason }),
      failed: () => metrics.errors.inc({ kind: 'socket' }),
    });

    const screens = setupScreenNamespace(io, {
      lookUpElsewhere: (name) => registryReplica?.lookUp(name) ?? Promise.resolve(),
      shareNow: () => registryReplica?.shareNow() ?? Promise.resolve(),
      db,
      hall,
      registry,
      clock,
      log,
      hallName,
      hallId: options.cluster?.hallId ?? getOrCreateSetting(db, 'hall_id', () => randomUUID()),
      trustLoopback: options.trustLoopback ?? true,
      onScreensChanged: () => {
        scheduleScreensUpdate();
        cluster?.screensChanged();
      },
      frameGrid,
      onRefused: () => metrics.refused.inc({ namespace: '/screen', reason: 'auth' }),
      onPresented: (revision, screenId, presentedAt, readyAt) => {
        metrics.presented(revision, screenId, presentedAt);
        cluster?.forwardPresented({
          revision,
          screenId,
          at: presentedAt,
          ...(readyAt === undefined ? {} : { readyAt }),
        });
        reportsDue.add(revision);
        scheduleScreensUpdate(false);
      },
    });
    const consoles = setupConsoleNamespace(io, {
      db,
      hall,
      registry,
      log,
      hallName,
      version: HALLCUE_VERSION,
      auth,
      consoleReachable: (address) => access.consoleReachable(address),
      library,
      themes,
      screens: screenSummaries,
      hallHandlers: {
        zonesChanged: () => consoles.emit('zones', hall.zones()),
        keymapChanged: () => consoles.emit('keymap', readKeymap(db)),
        screensChanged: () => scheduleScreensUpdate(false),
        relocateScreen: (screenId, role, zoneId) =>
          relocateScreen(screens, hall, screenId, role, zoneId, db),
        identify: (screenId, label) => identifyScreenNow(screens, screenId, label),
        reload: (screenId) => reloadScreenNow(screens, screenId),
        screenshot: (screenId) => screenshotScreenNow(screens, screenId),
        programme,
      },
      revokeScreen: async (screenId) => {
        await expelScreen(screens, screenId);
        scheduleScreensUpdate();
      },
      approveScreen: async (screenId) => {
        await admitScreen(screens, hall, db, screenId);
        scheduleScreensUpdate();
      },
      visitor: {
        overview: () => visitor.overview(),
        // Screens pick up QR changes at the next switch, like any publish.
        save: (settings) => visitor.saveSettings(settings),
      },
    });

    // Screen status changes arrive in bursts (a switch makes every screen report at once), so
    // consoles get at most one update per 200 ms instead of one per report, and none of it is
    // computed while no console is watching: a press to a thousand screens stays cheap. Each
    // update lists every screen, so a big hall gets them less often (200 ms more per 500 online
    // screens): during a storm of presses to 2,000 screens, full lists every 200 ms were
    // megabytes a second that starved the controller and the console alike.
    let screensTimer: NodeJS.Timeout | undefined;
    const reportsDue = new Set<number>();
    let armedChanged = false;
    let stopped = false;
    function scheduleScreensUpdate(affectsArmed = true) {
      if (stopped) return;
      armedChanged ||= affectsArmed;
      screensTimer ??= setTimeout(() => {
        screensTimer = undefined;
        if (consoles.sockets.size === 0) {
          reportsDue.clear();
          armedChanged = false;
          return;
        }
        consoles.emit('screens', screenSummaries());
        for (const revision of reportsDue) {
          const record = hall.record(revision);
          if (record) consoles.emit('switchReport', record);
        }
        reportsDue.clear();
        if (armedChanged) {
          armedChanged = false;
          consoles.emit('library', { packs: library.summaries(), themes: themes() });
        }
      }, consoleUpdateGapMs(registry.onlineCount));
    }

    library.onChange(() => {
      consoles.emit('library', { packs: library.summaries(), themes: themes() });
      // The default keys follow the themes until someone assigns them.
      consoles.emit('keymap', readKeymap(db));
      consoles.emit('visitor', visitor.overview());
      sendPrefetchLists(screens, db);
      // A press from another node may be waiting for a pack version that has just arrived.
      void hall.retryWaiting();
    });

    // Every press is stored and answered at once, but screens need only the newest state: when
    // presses come faster than one per BROADCAST_GAP_MS (a storm), the ones in between are
    // superseded before any screen could flip to them, so screens get the latest one per gap.
    // A single press, or presses a human makes seconds apart, go out immediately. Presses for
    // different zones held back together go out to every zone they touched ('all').
    let lastBroadcastAt = -Infinity;
    let broadcastTimer: NodeJS.Timeout | undefined;
    let pendingScope: ChangeScope | null = null;
    const widen = (a: ChangeScope | null, b: ChangeScope): ChangeScope =>
      a === null ? b : a === 'all' || b === 'all' || a.zone !== b.zone ? 'all' : a;
    const broadcastNow = () => {
      broadcastTimer = undefined;
      const scope = pendingScope ?? 'all';
      pendingScope = null;
      if (stopped) return;
      const started = performance.now();
      lastBroadcastAt = started;
      broadcastState(screens, hall, scope);
      return performance.now() - started;
    };
    /** How long the last change's broadcast took (0 when it was held back), for the metrics. */
    let broadcastMs = 0;
    hall.onScreensChange((_state, scope) => {
      const sinceLast = performance.now() - lastBroadcastAt;
      broadcastMs = 0;
      pendingScope = widen(pendingScope, scope);
      if (sinceLast >= BROADCAST_GAP_MS && broadcastTimer === undefined) {
        broadcastMs = broadcastNow() ?? 0;
      } else {
        broadcastTimer ??= setTimeout(broadcastNow, Math.max(0, BROADCAST_GAP_MS - sinceLast));
      }
    });
    hall.onChange((_state, record, scope) => {
      metrics.switched(
        record.revision,
        // A node hears only its own screens' reports: its fan-out is theirs (other nodes count
        // their own), or the press would wait forever on screens it never hears from.
        cluster ? localOnly(hall.lastExpected) : hall.lastExpected,
        record.requestedAt,
        record.startAt,
        broadcastMs,
      );
      consoles.emit('hall', hall.current);
      if (scope !== 'all' || record.kind === 'theme') consoles.emit('zones', hall.zones());
      consoles.emit('switched', record);
    });

    programme.onStatus((status) => consoles.emit('programme', status));

    const server = http;
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 7400, options.host ?? '0.0.0.0', () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    const host = options.host ?? '0.0.0.0';
    const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`;
    if (options.cluster) {
      const { cluster: config } = options;
      cluster = await ClusterNode.join(
        {
          redisUrl: config.redisUrl,
          hallId: config.hallId,
          hallName,
          nodeUrl: () => config.nodeUrl ?? url,
          log,
          ...(config.heartbeatMs === undefined ? {} : { heartbeatMs: config.heartbeatMs }),
        },
        {
          hall,
          localScreens: () => registry.onlineApprovedZones(),
          presented: (rows) => {
            for (const row of rows) {
              hall.recordPresented(row.revision, row.screenId, row.at, row.readyAt);
              reportsDue.add(row.revision);
            }
            scheduleScreensUpdate(false);
          },
          keyForPack: (packId) => keyForPack(db, packId),
        },
      );
      registryReplica = new ReplicatedRegistry(
        db,
        cluster,
        {
          screenChanged: (screenId, before) => {
            const row = getScreen(db, screenId);
            if (!row || (before?.approved && !row.approved)) void expelScreen(screens, screenId);
            else if (row.approved && !before?.approved)
              void admitScreen(screens, hall, db, screenId);
            else if (before && (before.role !== row.role || before.zoneId !== row.zoneId))
              void relocateScreen(screens, hall, screenId, row.role, row.zoneId, db);
            scheduleScreensUpdate();
          },
          zonesChanged: (removed) => {
            for (const zoneId of removed) hall.forgetZone(zoneId);
            consoles.emit('zones', hall.zones());
          },
        },
        log,
      );
      await registryReplica.start();
      librarySync = new LibrarySync({
        cluster,
        hallId: config.hallId,
        nodeUrl: () => config.nodeUrl ?? url,
        db,
        store,
        library,
        downloadsDir: join(options.dataDir, 'uploads'),
        log,
      });
      librarySync.start();
      cluster.statusParts.set('library', () => librarySync?.status());
      const node = cluster;
      programme.mayAct = () => node.isLeader();
      accountsReplica = new ReplicatedTables(
        db,
        cluster,
        [...ACCOUNT_TABLES, SETTINGS_TABLE],
        log,
        (table, keys) => {
          if (table !== 'settings') return;
          if (keys.includes('programme')) programme.reload();
          if (keys.includes('console_keys')) consoles.emit('keymap', readKeymap(db));
          if (keys.includes('visitor_pages')) consoles.emit('visitor', visitor.overview());
        },
      );
      await accountsReplica.start();
      log.info({ hall: config.hallId, node: cluster.nodeId }, 'joined the hall through Redis');
    }
    // Once a minute is enough for HH:MM changes, but a second keeps "at 14:00" on the dot. It
    // starts last: a node of a cluster presses programmed changes only once it has joined.
    programme.start(options.programmeTickMs ?? 1000);
    const sockets = io;
    writeRunningMarker(options.dataDir, {
      pid: process.pid,
      port,
      startedAt: new Date().toISOString(),
    });
    let closing: Promise<void> | undefined;

    return {
      url,
      port,
      db,
      hall,
      programme,
      auth,
      publicUrl: () => visitor.overview().publicUrl,
      metrics,
      cluster,
      librarySync,
      close() {
        closing ??= (async () => {
          // Disconnecting sockets reports screens going offline; nothing may reach the closed db.
          stopped = true;
          programme.stop();
          registryReplica?.close();
          await librarySync?.close();
          accountsReplica?.close();
          await cluster?.close();
          await new Promise<void>((done) => sockets.close(() => done()));
          clearTimeout(screensTimer);
          clearTimeout(broadcastTimer);
          hall.flushPresentations();
          await checkpointer.stop();
          db.close();
          removeRunningMarker(options.dataDir);
        })();
        return closing;
      },
    };
  } catch (error) {
    registryReplica?.close();
    await librarySync?.close();
    accountsReplica?.close();
    await cluster?.close();
    io?.close();
    http?.close();
    await checkpointer.stop();
    db.close();
    throw error;
  }
}
