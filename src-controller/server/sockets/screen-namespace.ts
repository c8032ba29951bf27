import type { Namespace, Server, Socket } from 'socket.io';
import {
  describeIssues,
  frameClockReportSchema,
  holdingReportSchema,
  presentedReportSchema,
  screenAuthSchema,
  SCREEN_NAMESPACE,
  timeRequestSchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from '../../../src-shared/protocol';
import type { Localized } from '../../../src-shared/localized';
import type { Db } from '../db/open';
import { getScreenByName, setScreenAppVersion, touchScreen } from '../db/screens-table';
import { switchThemeKey } from '../db/switches-table';
import type { FrameGrid } from '../hall/frame-grid';
import type { ChangeScope, Clock, Hall } from '../hall/hall';
import { firstSlides } from '../hall/first-slides';
import { prefetchList, themeFiles } from '../hall/theme-files';
import type { Logger } from '../logger';
import { isLoopback } from '../net';
import { AttemptLimiter, waitText } from '../screens/attempt-limiter';
import { identifyScreen, ScreenRefusedError } from '../screens/screen-identity';
import type { ScreenRegistry } from '../screens/screen-registry';
import { onValidated, refuseUnknownEvents, RequestError } from './validated-handler';

interface ScreenSocketData {
  screenId: string;
  name: string;
  role: string;
  zoneId: string | null;
  approved: boolean;
  issuedKey?: string;
  pairingCode?: string;
}

export type ScreenNamespace = Namespace<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;
type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

/** Room names: only approved screens ever join a role room, so only they receive content. */
export const roleRoom = (role: string) => `role:${role}`;
export const screenRoom = (screenId: string) => `screen:${screenId}`;
export const APPROVED_ROOM = 'approved';
/** Screens that see the same state: same zone (or none) and same role. */
export const viewRoom = (zone: string | null, role: string) => `view:${zone ?? ''}:${role}`;

export interface ScreenNamespaceDeps {
  /**
   * Called before a screen this controller does not know by name is identified: a cluster node
   * fetches the row another node may have paired a moment ago, so the screen is not paired twice.
   */
  lookUpElsewhere?: (name: string) => Promise<void>;
  /** Shares registry changes made so far with the other nodes at once (cluster only). */
  shareNow?: () => Promise<void>;
  db: Db;
  hall: Hall;
  registry: ScreenRegistry;
  clock: Clock;
  log: Logger;
  hallName: Localized;
  hallId: string;
  trustLoopback: boolean;
  onScreensChanged: () => void;
  onPresented: (revision: number, screenId: string, presentedAt: number, readyAt?: number) => void;
  /** A handshake was refused (bad auth, taken name, revoked key). */
  onRefused?: () => void;
  frameGrid: FrameGrid;
}

export function setupScreenNamespace(io: Server, deps: ScreenNamespaceDeps): ScreenNamespace {
  // One Server carries two namespaces with different event maps; each is typed here.
  const nsp = io.of(SCREEN_NAMESPACE) as unknown as ScreenNamespace;
  const { db, hall, registry, clock, log } = deps;
  // Each pairing adds a screen row and a code on the console: a device on the hall network
  // trying names in a loop must not flood either.
  const pairings = new AttemptLimiter(10, 60_000);
  // A press's theme, looked up once for its thousand reports rather than once per report.
  const themeKeys = new Map<number, string | null>();
  const themeKeyOf = (revision: number) => {
    if (!themeKeys.has(revision)) {
      if (themeKeys.size >= 64) themeKeys.delete(themeKeys.keys().next().value as number);
      themeKeys.set(revision, switchThemeKey(db, revision));
    }
    return themeKeys.get(revision) ?? null;
  };
  // What a screen of a zone and role shows at the current revision, worked out once per press.
  const shownCache = new Map<string, { label: string | null; flipAt: number }>();
  const shownNow = (role: string, zone: string | null) => {
    const key = `${hall.current.revision}|${zone ?? ''}|${role}`;
    let shown = shownCache.get(key);
    if (!shown) {
      if (shownCache.size >= 64) shownCache.delete(shownCache.keys().next().value as string);
      const state = hall.stateFor(role, zone);
      shown = { label: shownLabel(state), flipAt: state.flipAt ?? state.startAt };
      shownCache.set(key, shown);
    }
    return shown;
  };

  nsp.use(async (socket, next) => {
    const auth = screenAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      log.warn({ address: socket.handshake.address }, 'screen refused: bad auth');
      deps.onRefused?.();
      next(new Error(`screen auth: ${describeIssues(auth.error)}`));
      return;
    }
    if (deps.lookUpElsewhere && !getScreenByName(db, auth.data.name)) {
      // Redis away: identify with what this node knows, as a standalone controller would.
      await deps.lookUpElsewhere(auth.data.name).catch(() => undefined);
    }
    try {
      const loopback = isLoopback(socket.handshake.address);
      const { screen, issuedKey } = identifyScreen(
        db,
        auth.data,
        loopback,
        deps.trustLoopback,
        Date.now(),
        () => {
          const wait = pairings.retryAfter(socket.handshake.address);
          if (wait > 0) {
            throw new ScreenRefusedError(
              `screen auth: too many new pairings from ${socket.handshake.address}; try again ${waitText(wait)}`,
            );
          }
          pairings.record(socket.handshake.address);
        },
      );
      socket.data = {
        screenId: screen.id,
        name: screen.name,
        role: screen.role,
        zoneId: screen.zoneId,
        approved: screen.approved,
        ...(issuedKey ? { issuedKey } : {}),
        ...(screen.pairingCode && !screen.approved ? { pairingCode: screen.pairingCode } : {}),
      };
      // A new pairing or key is shared before the screen hears of it: the screen may be on
      // another node a moment later (failover), and must be known there by then.
      if (issuedKey && deps.shareNow) await deps.shareNow().catch(() => undefined);
      next();
    } catch (error) {
      deps.onRefused?.();
      if (error instanceof ScreenRefusedError) next(error);
      else {
        log.error({ err: error }, 'screen identification failed');
        next(new Error('screen auth: internal error'));
      }
    }
  });

  nsp.on('connection', (socket: ScreenSocket) => {
    const { screenId, name, approved, issuedKey, pairingCode } = socket.data;
    const address = socket.handshake.address;
    void socket.join(screenRoom(screenId));
    registry.connected(screenId, address);
    touchScreen(db, screenId, Date.now(), address);
    setScreenAppVersion(db, screenId, screenApp(socket.handshake.auth));
    log.info({ screen: name, address, approved }, 'screen connected');

    socket.emit('welcome', {
      screenId,
      name,
      approved,
      hallName: deps.hallName,
      hallId: deps.hallId,
      ...(issuedKey ? { key: issuedKey } : {}),
      ...(pairingCode ? { pairingCode } : {}),
    });
    if (approved) admit(socket);

    onValidated(socket, 'time', timeRequestSchema, log, ({ sentAt }) => ({
      sentAt,
      serverTime: clock(),
    }));

    onValidated(socket, 'presented', presentedReportSchema, log, (report) => {
      if (!socket.data.approved) throw new RequestError('presented: screen is not approved');
      if (report.revision > hall.current.revision) {
        throw new RequestError(`presented: revision ${report.revision} does not exist yet`);
      }
      // A screen reports the revision it last received, which may have been another zone's
      // press; what it shows is then what the hall gives its zone at that revision.
      const now =
        report.revision === hall.current.revision
          ? shownNow(socket.data.role, socket.data.zoneId)
          : null;
      registry.presented(
        screenId,
        report.revision,
        now ? now.label : themeKeyOf(report.revision),
        now ? Math.round((report.presentedAt - now.flipAt) * 10) / 10 : null,
      );
      hall.recordPresented(report.revision, screenId, report.presentedAt, report.readyAt);
      deps.onPresented(report.revision, screenId, report.presentedAt, report.readyAt);
      return null;
    });

    onValidated(socket, 'holding', holdingReportSchema, log, ({ files }) => {
      if (!socket.data.approved) throw new RequestError('holding: screen is not approved');
      registry.holding(screenId, files);
      deps.onScreensChanged();
      return null;
    });

    onValidated(socket, 'frameClock', frameClockReportSchema, log, ({ frameAt, intervalMs }) => {
      if (!socket.data.approved) throw new RequestError('frameClock: screen is not approved');
      deps.frameGrid.report(socket.id, frameAt, intervalMs);
      return null;
    });

    refuseUnknownEvents(socket, ['time', 'presented', 'holding', 'frameClock'], log);

    socket.on('disconnect', (reason) => {
      registry.disconnected(screenId);
      deps.frameGrid.forget(socket.id);
      touchScreen(db, screenId, Date.now(), address);
      log.info({ screen: name, reason }, 'screen disconnected');
      deps.onScreensChanged();
    });
    deps.onScreensChanged();
  });

  function admit(socket: ScreenSocket) {
    void socket.join([
      roleRoom(socket.data.role),
      viewRoom(socket.data.zoneId, socket.data.role),
      APPROVED_ROOM,
    ]);
    socket.emit('state', hall.stateFor(socket.data.role, socket.data.zoneId));
    socket.emit('prefetch', prefetchFor(db, socket.data.role));
  }

  return nsp;
}

/** What a screen of `role` should hold and keep decoded ahead of any press. */
function prefetchFor(db: Db, role: string, files = prefetchList(themeFiles(db))) {
  return { files, firstSlides: firstSlides(db, role) };
}

/**
 * Tells every approved screen what to hold after the library or the themes change: the same
 * files for all, each role its own first slides (only approved screens join role rooms).
 */
export function sendPrefetchLists(nsp: ScreenNamespace, db: Db): void {
  const files = prefetchList(themeFiles(db));
  for (const room of nsp.adapter.rooms.keys()) {
    const role = /^role:(.+)$/.exec(room)?.[1];
    if (role !== undefined) nsp.to(room).emit('prefetch', prefetchFor(db, role, files));
  }
}

/** Lets a waiting screen in at once, on every connection it has open. */
export async function admitScreen(nsp: ScreenNamespace, hall: Hall, db: Db, screenId: string) {
  const sockets = await nsp.in(screenRoom(screenId)).fetchSockets();
  const files = prefetchList(themeFiles(db));
  for (const socket of sockets) {
    socket.data.approved = true;
    socket.join([
      roleRoom(socket.data.role),
      viewRoom(socket.data.zoneId, socket.data.role),
      APPROVED_ROOM,
    ]);
    socket.emit('approval', { approved: true });
    socket.emit('state', hall.stateFor(socket.data.role, socket.data.zoneId));
    socket.emit('prefetch', prefetchFor(db, socket.data.role, files));
  }
}

/**
 * Sends the hall's new state to the approved screens it concerns, computed once per zone and
 * role. Screens of other zones are not told: revisions only need to increase, not be gapless.
 */
export function broadcastState(nsp: ScreenNamespace, hall: Hall, scope: ChangeScope = 'all'): void {
  for (const room of nsp.adapter.rooms.keys()) {
    // Every socket has rooms of its own (thousands); only the few view rooms get a state.
    if (!room.startsWith('view:')) continue;
    const match = /^view:([^:]*):(.+)$/.exec(room);
    if (!match) continue;
    const zone = match[1] || null;
    if (scope !== 'all' && zone !== scope.zone) continue;
    nsp.to(room).emit('state', hall.stateFor(match[2] ?? 'main', zone));
  }
}

/**
 * Moves a screen to its new role and zone at once: it leaves its old rooms, joins the new ones
 * and gets the state its new place in the hall shows (and, for a new role, its first slides).
 */
export async function relocateScreen(
  nsp: ScreenNamespace,
  hall: Hall,
  screenId: string,
  role: string,
  zoneId: string | null,
  db: Db,
) {
  const sockets = await nsp.in(screenRoom(screenId)).fetchSockets();
  for (const socket of sockets) {
    const { role: oldRole, zoneId: oldZone, approved } = socket.data;
    if (oldRole === role && oldZone === zoneId) continue;
    socket.data.role = role;
    socket.data.zoneId = zoneId;
    if (!approved) continue;
    socket.leave(roleRoom(oldRole));
    socket.leave(viewRoom(oldZone, oldRole));
    socket.join([roleRoom(role), viewRoom(zoneId, role)]);
    socket.emit('state', hall.stateFor(role, zoneId));
    if (oldRole !== role) socket.emit('prefetch', prefetchFor(db, role));
  }
}

/** What the console says a screen shows for a state: the override, or the theme's key. */
function shownLabel(state: ReturnType<Hall['stateFor']>): string | null {
  return state.override?.kind ?? state.presentation?.themeKey ?? null;
}

/** The app a screen runs, from its handshake: `browser` or the screen app's version. */
function screenApp(auth: unknown): string | null {
  const app = (auth as { app?: unknown } | undefined)?.app;
  return typeof app === 'string' ? app.slice(0, 40) : null;
}

/**
 * Stops a revoked screen at once: it leaves every content room, is told so (it drops what it
 * shows) and is disconnected; its old key no longer works, so it comes back as a new pairing.
 */
export async function expelScreen(nsp: ScreenNamespace, screenId: string) {
  const sockets = await nsp.in(screenRoom(screenId)).fetchSockets();
  for (const socket of sockets) {
    socket.data.approved = false;
    for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
    socket.emit('approval', { approved: false });
    socket.disconnect(true);
  }
}
