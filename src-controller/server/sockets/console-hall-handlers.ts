import { randomBytes } from 'node:crypto';
import type { ScreenOverride } from '../../../src-shared/hall-override';
import {
  emergencyRequestSchema,
  emptyRequestSchema,
  packVersionRequestSchema,
  saveZoneRequestSchema,
  screenIdRequestSchema,
  setKeymapRequestSchema,
  setProgrammeRequestSchema,
  updateScreenRequestSchema,
  zoneIdRequestSchema,
  type ConsoleToServerEvents,
} from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { packVersionFiles } from '../db/packs-table';
import { getScreen, updateScreenSettings } from '../db/screens-table';
import { deleteZone, getZone, getZoneByName, insertZone, renameZone } from '../db/zones-table';
import type { Hall } from '../hall/hall';
import { KeymapError, writeKeymap } from '../hall/keymap';
import { fileUrl } from '../hall/presentations';
import type { Logger } from '../logger';
import type { ProgrammeRunner } from '../programme/programme-runner';
import { onValidated, RequestError } from './validated-handler';

/** What the hall handlers need from the rest of the controller. */
export interface HallHandlerDeps {
  db: Db;
  hall: Hall;
  log: Logger;
  zonesChanged: () => void;
  keymapChanged: () => void;
  screensChanged: () => void;
  relocateScreen: (screenId: string, role: string, zoneId: string | null) => Promise<void>;
  identify: (screenId: string, label: string) => Promise<void>;
  reload: (screenId: string) => Promise<void>;
  screenshot: (screenId: string) => Promise<{ dataUrl: string }>;
  programme: ProgrammeRunner;
}

type Socket = Parameters<typeof onValidated>[0];

/** The console events for blackout, emergency, keys, zones and screen management. */
export const HALL_EVENTS = [
  'blackout',
  'raiseEmergency',
  'clearOverride',
  'listPackMedia',
  'setKeymap',
  'saveZone',
  'deleteZone',
  'updateScreen',
  'identifyScreen',
  'reloadScreen',
  'screenshotScreen',
  'setProgramme',
  'resumeProgramme',
  'hallPreviews',
] as const satisfies readonly (keyof ConsoleToServerEvents)[];

const MEDIA_TYPES: Record<string, 'image' | 'video'> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/svg+xml': 'image',
  'video/mp4': 'video',
  'video/webm': 'video',
};

function screenOrFail(db: Db, screenId: string, event: string) {
  const screen = getScreen(db, screenId);
  if (!screen) throw new RequestError(`${event}: no screen with id ${screenId}`);
  return screen;
}

export function registerHallHandlers(
  socket: Socket,
  deps: HallHandlerDeps,
  /** Who sent the message (a user or token), asked at the moment it arrives. */
  who: () => string,
  audit: (action: string, detail: object) => void,
): void {
  const { db, hall, log } = deps;

  onValidated(socket, 'blackout', emptyRequestSchema, log, async () => {
    const result = await hall.setOverride({ kind: 'blackout' }, who());
    audit('hall.blackout', { revision: result.revision });
    log.warn({ by: who(), revision: result.revision }, 'blackout');
    return result;
  });

  onValidated(socket, 'raiseEmergency', emergencyRequestSchema, log, async ({ message, media }) => {
    let override: ScreenOverride = { kind: 'emergency', message };
    if (media) {
      const file = packVersionFiles(db, media.packVersionId).get(media.path);
      if (!file) {
        throw new RequestError(
          `raiseEmergency: pack version ${media.packVersionId} has no file ${media.path}`,
        );
      }
      const type = MEDIA_TYPES[file.mime];
      if (!type) {
        throw new RequestError(`raiseEmergency: ${media.path} is not an image or a video`);
      }
      override = { ...override, media: { type, url: fileUrl(file) } };
    }
    const result = await hall.setOverride(override, who());
    audit('hall.emergency', { revision: result.revision, message, media: media ?? null });
    log.warn({ by: who(), revision: result.revision }, 'emergency message raised');
    return result;
  });

  onValidated(socket, 'clearOverride', emptyRequestSchema, log, async () => {
    const result = await hall.setOverride(null, who());
    audit('hall.clear', { revision: result.revision });
    log.warn({ by: who(), revision: result.revision }, 'override cleared');
    return result;
  });

  onValidated(socket, 'listPackMedia', packVersionRequestSchema, log, ({ packVersionId }) =>
    [...packVersionFiles(db, packVersionId)]
      .flatMap(([path, file]) => {
        const type = MEDIA_TYPES[file.mime];
        return type ? [{ path, type }] : [];
      })
      .sort((a, b) => a.path.localeCompare(b.path)),
  );

  onValidated(socket, 'setKeymap', setKeymapRequestSchema, log, ({ keymap }) => {
    try {
      writeKeymap(db, keymap);
    } catch (error) {
      if (error instanceof KeymapError) throw new RequestError(error.message);
      throw error;
    }
    audit('keys.assign', { keymap });
    log.info({ by: who(), keymap }, 'keys assigned');
    deps.keymapChanged();
    return null;
  });

  onValidated(socket, 'saveZone', saveZoneRequestSchema, log, ({ id, name }) => {
    const clash = getZoneByName(db, name);
    if (clash && clash.id !== id)
      throw new RequestError(`saveZone: a zone is already called ${name}`);
    if (id !== undefined) {
      if (!renameZone(db, id, name)) throw new RequestError(`saveZone: there is no zone ${id}`);
    } else {
      id = `z${randomBytes(5).toString('hex')}`;
      insertZone(db, id, name, Date.now());
    }
    audit('zone.save', { id, name });
    log.info({ by: who(), zone: id, name }, 'zone saved');
    deps.zonesChanged();
    return { id };
  });

  onValidated(socket, 'deleteZone', zoneIdRequestSchema, log, async ({ id }) => {
    const members = db.prepare('SELECT id, role FROM screens WHERE zone_id = ?').all(id) as {
      id: string;
      role: string;
    }[];
    if (!deleteZone(db, id)) throw new RequestError(`deleteZone: there is no zone ${id}`);
    hall.forgetZone(id);
    // Its screens now follow the whole hall; move them there at once.
    for (const member of members) await deps.relocateScreen(member.id, member.role, null);
    audit('zone.delete', { id });
    log.info({ by: who(), zone: id }, 'zone deleted');
    deps.zonesChanged();
    deps.screensChanged();
    return null;
  });

  onValidated(socket, 'updateScreen', updateScreenRequestSchema, log, async (request) => {
    const screen = screenOrFail(db, request.screenId, 'updateScreen');
    if (request.zoneId && !getZone(db, request.zoneId)) {
      throw new RequestError(`updateScreen: there is no zone ${request.zoneId}`);
    }
    updateScreenSettings(db, screen.id, {
      ...(request.label !== undefined ? { label: request.label } : {}),
      ...(request.role !== undefined ? { role: request.role } : {}),
      ...(request.zoneId !== undefined ? { zoneId: request.zoneId } : {}),
      ...(request.position !== undefined ? { position: request.position } : {}),
    });
    const role = request.role ?? screen.role;
    const zoneId = request.zoneId === undefined ? screen.zoneId : request.zoneId;
    if (role !== screen.role || zoneId !== screen.zoneId) {
      await deps.relocateScreen(screen.id, role, zoneId);
    }
    audit('screen.update', { ...request, name: screen.name });
    log.info({ by: who(), screen: screen.name, ...request }, 'screen updated');
    deps.screensChanged();
    return null;
  });

  onValidated(socket, 'identifyScreen', screenIdRequestSchema, log, async ({ screenId }) => {
    const screen = screenOrFail(db, screenId, 'identifyScreen');
    await deps.identify(screenId, screen.label ?? screen.name);
    audit('screen.identify', { screenId, name: screen.name });
    return null;
  });

  onValidated(socket, 'reloadScreen', screenIdRequestSchema, log, async ({ screenId }) => {
    const screen = screenOrFail(db, screenId, 'reloadScreen');
    await deps.reload(screenId);
    audit('screen.reload', { screenId, name: screen.name });
    log.info({ by: who(), screen: screen.name }, 'screen reload requested');
    return null;
  });

  onValidated(socket, 'setProgramme', setProgrammeRequestSchema, log, ({ programme }) => {
    const themes = new Set(
      (db.prepare('SELECT key FROM themes').all() as { key: string }[]).map((t) => t.key),
    );
    const used = [programme.attractThemeKey, ...programme.slots.map((s) => s.themeKey)];
    const missing = used.find((key) => key !== null && !themes.has(key));
    if (missing) throw new RequestError(`setProgramme: no theme is assigned to key ${missing}`);
    deps.programme.setProgramme(programme);
    audit('programme.save', { enabled: programme.enabled, slots: programme.slots.length });
    log.info({ by: who(), enabled: programme.enabled }, 'programme saved');
    return null;
  });

  onValidated(socket, 'resumeProgramme', emptyRequestSchema, log, () => {
    deps.programme.resume();
    audit('programme.resume', {});
    log.info({ by: who() }, 'programme resumed');
    return null;
  });

  onValidated(socket, 'hallPreviews', emptyRequestSchema, log, () => {
    const groups = db
      .prepare('SELECT DISTINCT zone_id AS zone, role FROM screens WHERE approved = 1')
      .all() as { zone: string | null; role: string }[];
    return Object.fromEntries(
      groups.map(({ zone, role }) => [`${zone ?? ''}|${role}`, hall.stateFor(role, zone)]),
    );
  });

  onValidated(socket, 'screenshotScreen', screenIdRequestSchema, log, ({ screenId }) => {
    screenOrFail(db, screenId, 'screenshotScreen');
    return deps.screenshot(screenId);
  });
}
