import type { Namespace, Server, Socket } from 'socket.io';
import {
  activateRequestSchema,
  approveRequestSchema,
  CONSOLE_NAMESPACE,
  packVersionRequestSchema,
  publishRequestSchema,
  rollbackRequestSchema,
  screenIdRequestSchema,
  type ConsoleSnapshot,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
  type ThemeSummary,
} from '../../../src-shared/protocol';
import type { Localized } from '../../../src-shared/localized';
import {
  visitorSettingsSchema,
  type VisitorOverview,
  type VisitorSettings,
} from '../../../src-shared/visitor';
import type { Db } from '../db/open';
import { getScreen, setScreenApproved, setScreenKey } from '../db/screens-table';
import { UnknownThemeError, UnknownZoneError, type Hall } from '../hall/hall';
import { readKeymap } from '../hall/keymap';
import type { Logger } from '../logger';
import { LibraryError } from '../packs/library';
import type { PackLibrary } from '../packs/pack-library';
import { hashScreenKey, newScreenKey } from '../screens/screen-keys';
import { AttemptLimiter, waitText } from '../screens/attempt-limiter';
import type { ScreenRegistry } from '../screens/screen-registry';
import { HALL_EVENTS, registerHallHandlers, type HallHandlerDeps } from './console-hall-handlers';
import { onValidated, refuseUnknownEvents, RequestError } from './validated-handler';
import type { AuthService } from '../auth/auth-service';
import { actorOf } from '../auth/principal';
import { appendAudit } from '../db/audit-table';
import { switchHall } from '../hall/audited-switch';
import { authenticateConsoles, callerOf, guardConsoleEvents } from './console-auth';

export type ConsoleNamespace = Namespace<ConsoleToServerEvents, ServerToConsoleEvents>;
type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents>;

export interface ConsoleNamespaceDeps {
  db: Db;
  hall: Hall;
  registry: ScreenRegistry;
  log: Logger;
  hallName: Localized;
  version: string;
  /** Who may connect from where, and what each event needs (see console-auth.ts). */
  auth: AuthService;
  consoleReachable: (address: string) => boolean;
  approveScreen: (screenId: string) => Promise<void>;
  revokeScreen: (screenId: string) => Promise<void>;
  library: PackLibrary;
  /** Theme summaries including how many screens are armed for each. */
  themes: () => ThemeSummary[];
  /** Screen summaries with how many files a fully armed screen holds. */
  screens: () => ReturnType<ScreenRegistry['summaries']>;
  /** Blackout, emergency, keys, zones and screen management. */
  hallHandlers: Omit<HallHandlerDeps, 'db' | 'hall' | 'log'>;
  /** Visitor pages: what the console's panel shows, and saving its settings. */
  visitor: {
    overview: () => VisitorOverview;
    save: (settings: VisitorSettings, actor: string) => void;
  };
}

export function setupConsoleNamespace(io: Server, deps: ConsoleNamespaceDeps): ConsoleNamespace {
  // One Server carries two namespaces with different event maps; each is typed here.
  const nsp = io.of(CONSOLE_NAMESPACE) as unknown as ConsoleNamespace;
  const { db, hall, log } = deps;
  // Six digits are a million guesses: a few wrong codes per screen, then a pause.
  const wrongCodes = new AttemptLimiter(5, 10 * 60_000);

  authenticateConsoles(nsp, deps.auth, deps.consoleReachable, log);

  const snapshot = (): ConsoleSnapshot => ({
    hallName: deps.hallName,
    version: deps.version,
    themes: deps.themes(),
    screens: deps.screens(),
    hall: hall.current,
    switches: hall.history(),
    packs: deps.library.summaries(),
    zones: hall.zones(),
    keymap: readKeymap(db),
    programme: deps.hallHandlers.programme.status(),
  });

  nsp.on('connection', (socket: ConsoleSocket) => {
    // Every message passes the role check first; handlers read who sent it from the socket.
    guardConsoleEvents(socket, deps.auth, log);
    const who = () => actorOf(callerOf(socket).principal);
    const address = () => callerOf(socket).address;
    const audit = (action: string, detail: object) =>
      appendAudit(db, { at: Date.now(), actor: who(), address: address(), action, detail });
    socket.emit('snapshot', snapshot());
    socket.emit('visitor', deps.visitor.overview());

    onValidated(socket, 'activate', activateRequestSchema, log, async ({ key, zone }) => {
      try {
        const result = await switchHall(db, hall, key, who(), address(), zone);
        log.info({ key, zone, revision: result.revision, by: who() }, 'theme activated');
        return result;
      } catch (error) {
        if (error instanceof UnknownThemeError || error instanceof UnknownZoneError)
          throw new RequestError(error.message);
        throw error;
      }
    });

    onValidated(socket, 'approveScreen', approveRequestSchema, log, async ({ screenId, code }) => {
      const screen = getScreen(db, screenId);
      if (!screen) throw new RequestError(`approveScreen: no screen with id ${screenId}`);
      if (screen.approved) return null;
      const wait = wrongCodes.retryAfter(screenId);
      if (wait > 0) {
        throw new RequestError(
          `approveScreen: too many wrong codes for screen "${screen.name}"; try again ${waitText(wait)}`,
        );
      }
      if (!screen.pairingCode || screen.pairingCode !== code) {
        wrongCodes.record(screenId);
        throw new RequestError(
          `approveScreen: ${code} is not the code on screen "${screen.name}"; read it off that screen`,
        );
      }
      setScreenApproved(db, screenId, true);
      audit('screen.approve', { screenId, name: screen.name });
      log.info({ screen: screen.name, by: who() }, 'screen approved');
      await deps.approveScreen(screenId);
      return null;
    });

    onValidated(socket, 'revokeScreen', screenIdRequestSchema, log, async ({ screenId }) => {
      const screen = getScreen(db, screenId);
      if (!screen) throw new RequestError(`revokeScreen: no screen with id ${screenId}`);
      setScreenApproved(db, screenId, false);
      // A fresh random key hash: the screen's stored key stops working everywhere, files too.
      setScreenKey(db, screenId, hashScreenKey(newScreenKey()), null);
      audit('screen.revoke', { screenId, name: screen.name });
      log.warn({ screen: screen.name, by: who() }, 'screen revoked');
      await deps.revokeScreen(screenId);
      return null;
    });

    const libraryCall = <T>(action: () => T | Promise<T>) =>
      Promise.resolve()
        .then(action)
        .catch((error: unknown) => {
          if (error instanceof LibraryError) throw new RequestError(error.message);
          throw error;
        });

    onValidated(socket, 'publishTheme', publishRequestSchema, log, ({ key, packVersionId }) =>
      libraryCall(async () => {
        await deps.library.publish(key, packVersionId, who());
        log.info({ key, packVersionId, by: who() }, 'theme published');
        return null;
      }),
    );

    onValidated(socket, 'rollbackTheme', rollbackRequestSchema, log, ({ key }) =>
      libraryCall(async () => {
        const version = await deps.library.rollback(key, who());
        log.info({ key, packVersionId: version?.id, by: who() }, 'theme rolled back');
        return { packVersionId: version?.id ?? 0 };
      }),
    );

    onValidated(socket, 'deletePackVersion', packVersionRequestSchema, log, ({ packVersionId }) =>
      libraryCall(async () => {
        const freedFiles = await deps.library.remove(packVersionId, who());
        log.info({ packVersionId, freedFiles, by: who() }, 'pack version deleted');
        return { freedFiles };
      }),
    );

    onValidated(socket, 'saveVisitorSettings', visitorSettingsSchema, log, (settings) => {
      deps.visitor.save(settings, who());
      audit('visitor.settings', settings);
      log.info({ ...settings, by: who() }, 'visitor page settings saved');
      const overview = deps.visitor.overview();
      nsp.emit('visitor', overview);
      return overview;
    });

    registerHallHandlers(socket, { db, hall, log, ...deps.hallHandlers }, who, audit);

    refuseUnknownEvents(
      socket,
      [
        ...HALL_EVENTS,
        'activate',
        'approveScreen',
        'revokeScreen',
        'publishTheme',
        'rollbackTheme',
        'deletePackVersion',
        'saveVisitorSettings',
      ],
      log,
    );
  });

  return nsp;
}
