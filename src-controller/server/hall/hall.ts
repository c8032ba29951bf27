import { bothLanguages } from '../../../src-shared/manifest';
import type { ScreenState } from '../../../src-shared/hall-state';
import { sameOverride, type ScreenOverride } from '../../../src-shared/hall-override';
import type { Localized } from '../../../src-shared/localized';
import type {
  ActiveOverride,
  HallSummary,
  SwitchKind,
  SwitchRecord,
  ThemeSummary,
  ZoneSummary,
} from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { readHallState, writeHallState, type HallStateRow } from '../db/hall-state-table';
import { findPackVersion, getPackVersion, packVersionFiles } from '../db/packs-table';
import { screenNames } from '../db/screens-table';
import {
  getSwitchRow,
  insertPresentations,
  insertSwitch,
  presentationsOf,
  recentSwitches,
  type PresentationRow,
  type SwitchRow,
} from '../db/switches-table';
import { summarise } from './switch-report';
import { getTheme, listThemes } from '../db/themes-table';
import {
  clearZoneThemes,
  getZone,
  listZones,
  listZoneThemes,
  writeZoneTheme,
  type ZoneThemeRow,
} from '../db/zones-table';
import type { PageUrls } from '../packs/page-urls';
import { LeadEstimator } from './lead-estimator';
import type { HallAuthority, SharedHallState } from './shared-hall-state';
import { presentationFor } from './presentations';

/** Controller time in ms: monotonic within the process, anchored to the wall clock at start. */
export type Clock = () => number;

export class UnknownThemeError extends Error {
  constructor(key: string) {
    super(`no theme is assigned to key ${key}`);
    this.name = 'UnknownThemeError';
  }
}

export class UnknownZoneError extends Error {
  constructor(zone: string) {
    super(`there is no zone ${zone}`);
    this.name = 'UnknownZoneError';
  }
}

/** Which screens a change concerns: every screen, or those of one zone. */
export type ChangeScope = 'all' | { zone: string };
type Listener = (state: HallStateRow, record: SwitchRecord, scope: ChangeScope) => void;
type ScreensListener = (state: HallStateRow, scope: ChangeScope) => void;

/** A change worked out against the current state, not yet written anywhere. */
interface Change<R> {
  next: HallStateRow;
  row: SwitchRow;
  scope: ChangeScope;
  /** The zone themes after the change (null: unchanged). */
  zoneThemes: ReadonlyMap<string, ZoneThemeRow> | null;
  sharedRevision: number;
  overrideFlipAt: number;
  result: R;
}

type Outcome<R> = { change: Change<R> } | { unchanged: R };

/** The override as screens see it: without who raised it and when. */
function contentOf(active: ActiveOverride | null): ScreenOverride | null {
  if (!active) return null;
  return active.kind === 'blackout'
    ? { kind: 'blackout' }
    : {
        kind: 'emergency',
        message: active.message,
        ...(active.media ? { media: active.media } : {}),
      };
}

/**
 * How long screens' reports wait to be written together. The reports of a press arrive spread
 * over PRESENTED_SPREAD_MS; written at the next turn of the event loop they made a transaction
 * of one to a few rows each, and the transactions' commits were one of a node's largest costs
 * per press with 2,000 screens (bench:cluster profile, 2026-12-06). Reads of switch reports
 * write what is waiting first, and so does stopping the controller.
 */
const PRESENTATIONS_FLUSH_MS = 100;

const OVERRIDE_TITLES: Record<Exclude<SwitchKind, 'theme' | 'clear'>, Localized> = {
  blackout: { zh: '黑屏', en: 'Blackout' },
  emergency: { zh: '紧急通知', en: 'Emergency message' },
};

/**
 * The hall's single desired state. Every change is written to SQLite first and only then handed
 * to listeners for broadcasting, so what screens see is always something a restart would resume.
 */
export class Hall {
  private state: HallStateRow;
  private readonly lead = new LeadEstimator();
  /** When recent presses were made, to learn how long screens take to get ready. */
  private readonly requestTimes = new Map<number, number>();
  /** Reports waiting to be written together (see insertPresentations). */
  private pendingPresentations: PresentationRow[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly screensListeners = new Set<ScreensListener>();
  /** Each zone's own theme, from zone presses; screens of other zones follow the hall's. */
  private readonly zoneThemes = new Map<string, ZoneThemeRow>();
  /** When the last override was raised or cleared: that revision flips then, not at startAt. */
  private overrideFlipAt: number;
  /** The last change every screen saw, and each zone's own press: what "up to date" means. */
  private sharedRevision = 0;
  private readonly zoneRevisions = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly pages: PageUrls,
    /** A fixed lead in ms; without one the lead adapts to how fast screens get ready. */
    private readonly fixedLeadMs?: number,
    private readonly flipMode: 'scheduled' | 'receipt' = 'scheduled',
  ) {
    this.state = readHallState(db);
    for (const row of listZoneThemes(db)) this.zoneThemes.set(row.zoneId, row);
    const revisions = db
      .prepare(`SELECT zone_id AS zone, MAX(revision) AS revision FROM switches GROUP BY zone_id`)
      .all() as { zone: string | null; revision: number }[];
    for (const { zone, revision } of revisions) {
      if (zone === null) this.sharedRevision = revision;
      else if (this.zoneThemes.has(zone)) this.zoneRevisions.set(zone, revision);
    }
    const last = db
      .prepare("SELECT MAX(start_at) AS at FROM switches WHERE kind != 'theme'")
      .get() as { at: number | null };
    this.overrideFlipAt = last.at ?? 0;
  }

  get current(): HallSummary {
    return {
      revision: this.state.revision,
      themeKey: this.state.themeKey,
      startAt: this.state.startAt,
      override: this.state.override,
      sharedRevision: this.sharedRevision,
    };
  }

  /** Every zone, with the theme it plays on its own (null while it follows the hall). */
  zones(): ZoneSummary[] {
    return listZones(this.db).map((zone) => {
      const own = this.zoneThemes.get(zone.id);
      return {
        id: zone.id,
        name: zone.name,
        themeKey: own?.themeKey ?? null,
        startAt: own?.startAt ?? null,
        revision: this.zoneRevisions.get(zone.id) ?? null,
      };
    });
  }

  /** Forgets a deleted zone's theme (the database cascades; this keeps memory in step). */
  forgetZone(zoneId: string): void {
    this.zoneThemes.delete(zoneId);
    this.zoneRevisions.delete(zoneId);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Like onChange, but told first, before the switch record is worked out: the lead of a press
   * is counted from the press, so every millisecond spent on the record and its report (a name
   * for each of a thousand expected screens) before the screens hear of it comes out of the time
   * they have to get ready. Meant for sending the state to screens.
   */
  onScreensChange(listener: ScreensListener): () => void {
    this.screensListeners.add(listener);
    return () => this.screensListeners.delete(listener);
  }

  /** The public visitor page of a pack, or null while it is not public; set by the controller. */
  visitorUrl: (packId: string) => string | null = () => null;

  /** Who should present the next press (one zone's, or all); set from the live registry. */
  expectedScreens: (zone: string | null) => string[] = () => [];

  /** The screens the latest press expected to present it (for metrics). */
  lastExpected: readonly string[] = [];

  /** Moves a flip time onto the screens' shared frame grid; set by the controller. */
  alignStart: (time: number) => number = (time) => time;

  private nextTimes(): { requestedAt: number; startAt: number } {
    const requestedAt = this.clock();
    const startAt = this.alignStart(requestedAt + (this.fixedLeadMs ?? this.lead.leadMs));
    this.requestTimes.set(this.state.revision + 1, requestedAt);
    if (this.requestTimes.size > 64) {
      this.requestTimes.delete(this.requestTimes.keys().next().value as number);
    }
    return { requestedAt, startAt };
  }

  /**
   * The store every node of a cluster agrees through (docs/scaling.md); without one this
   * controller's SQLite file is the only truth and changes apply synchronously.
   */
  authority: HallAuthority | null = null;
  /** Cluster changes run one at a time: each one is worked out against the last one's result. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A remote state this node could not show yet (its pack version had not arrived). */
  private waitingRemote: SharedHallState | null = null;

  private run<R>(build: () => Outcome<R>): Promise<R> {
    const authority = this.authority;
    if (!authority) {
      // Standalone: everything happens before this returns, as callers (and the programme's
      // "who pressed" check) have always relied on; only failures travel in the promise.
      try {
        const outcome = build();
        return Promise.resolve(
          'unchanged' in outcome ? outcome.unchanged : this.apply(outcome.change),
        );
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const task = this.queue.then(async () => {
      // Another node may have changed the hall since this node last heard: the store refuses a
      // change made against an old revision and hands back the newer state, which is adopted
      // before the press is worked out again on top of it. Nothing an operator was told
      // happened is overwritten: every accepted change has its own revision in the store.
      for (let attempt = 0; attempt < 8; attempt++) {
        const outcome = build();
        if ('unchanged' in outcome) return outcome.unchanged;
        const answer = await authority.commit(this.state.revision, this.share(outcome.change));
        if (answer.committed) return this.apply(outcome.change);
        this.adoptNow(answer.current);
      }
      throw new Error('hall: the shared store kept changing; the press was not made');
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  /** Writes a change to SQLite, then updates memory, and only then tells the listeners. */
  private apply<R>(change: Change<R>): R {
    const { next, row, scope, zoneThemes } = change;
    this.db.transaction(() => {
      if (zoneThemes) {
        clearZoneThemes(this.db);
        for (const zoneTheme of zoneThemes.values()) writeZoneTheme(this.db, zoneTheme);
      }
      writeHallState(this.db, next);
      insertSwitch(this.db, row);
    })();
    this.state = next;
    this.lastExpected = row.expectedScreens;
    if (zoneThemes) {
      this.zoneThemes.clear();
      for (const [zone, zoneTheme] of zoneThemes) this.zoneThemes.set(zone, zoneTheme);
      for (const zone of this.zoneRevisions.keys())
        if (!zoneThemes.has(zone)) this.zoneRevisions.delete(zone);
      if (scope !== 'all') this.zoneRevisions.set(scope.zone, row.revision);
    }
    this.sharedRevision = change.sharedRevision;
    this.overrideFlipAt = change.overrideFlipAt;
    for (const listener of this.screensListeners) listener(next, scope);
    const record = this.toRecord(row);
    for (const listener of this.listeners) listener(next, record, scope);
    return change.result;
  }

  /**
   * Switches every screen to the theme on `key`, or with `zone` only that zone's screens.
   * A whole-hall press also ends every zone's own theme: one key brings the hall together.
   */
  activate(
    key: string,
    requestedBy: string,
    zone?: string,
  ): Promise<{ revision: number; startAt: number }> {
    return this.run(() => {
      const theme = getTheme(this.db, key);
      if (!theme) throw new UnknownThemeError(key);
      if (zone !== undefined && !getZone(this.db, zone)) throw new UnknownZoneError(zone);
      const { requestedAt, startAt } = this.nextTimes();
      const revision = this.state.revision + 1;
      const row: SwitchRow = {
        revision,
        kind: 'theme',
        zoneId: zone ?? null,
        themeKey: key,
        packVersionId: theme.packVersionId,
        requestedAt,
        startAt,
        requestedBy,
        expectedScreens: this.expectedScreens(zone ?? null),
      };
      const updatedAt = Date.now();
      const result = { revision, startAt };
      const base = { row, overrideFlipAt: this.overrideFlipAt, result };
      if (zone !== undefined) {
        const zoneThemes = new Map(this.zoneThemes);
        zoneThemes.set(zone, {
          zoneId: zone,
          themeKey: key,
          packVersionId: theme.packVersionId,
          startAt,
        });
        return {
          change: {
            ...base,
            next: { ...this.state, revision, updatedAt },
            scope: { zone },
            zoneThemes,
            sharedRevision: this.sharedRevision,
          },
        };
      }
      return {
        change: {
          ...base,
          next: {
            ...this.state,
            revision,
            themeKey: key,
            packVersionId: theme.packVersionId,
            startAt,
            updatedAt,
          },
          scope: 'all',
          zoneThemes: new Map(),
          sharedRevision: revision,
        },
      };
    });
  }

  /**
   * Raises a blackout or an emergency message on every screen, or with null clears it. The
   * themes underneath keep running on their timelines, so clearing lands on the right slide.
   * Asking for what is already on screen changes nothing.
   */
  setOverride(
    override: ScreenOverride | null,
    requestedBy: string,
  ): Promise<{ revision: number; startAt: number }> {
    return this.run(() => {
      const active = this.state.override;
      if (override === null ? active === null : sameOverride(override, contentOf(active))) {
        return { unchanged: { revision: this.state.revision, startAt: this.overrideFlipAt } };
      }
      const { requestedAt, startAt } = this.nextTimes();
      const revision = this.state.revision + 1;
      const kind: SwitchKind = override?.kind ?? 'clear';
      const row: SwitchRow = {
        revision,
        kind,
        zoneId: null,
        themeKey: override ? override.kind : (this.state.themeKey ?? ''),
        packVersionId: override ? null : this.state.packVersionId,
        requestedAt,
        startAt,
        requestedBy,
        expectedScreens: this.expectedScreens(null),
      };
      const next: HallStateRow = {
        ...this.state,
        revision,
        updatedAt: Date.now(),
        override: override ? { ...override, since: startAt, by: requestedBy } : null,
      };
      return {
        change: {
          next,
          row,
          scope: 'all',
          zoneThemes: null,
          sharedRevision: revision,
          overrideFlipAt: startAt,
          result: { revision, startAt },
        },
      };
    });
  }

  /** The hall as every node can read it: pack versions by name, not by this node's row ids. */
  private share(change: Change<unknown>): SharedHallState {
    const ref = (id: number | null) => {
      const version = id === null ? undefined : getPackVersion(this.db, id);
      return version ? { packId: version.packId, version: version.version } : null;
    };
    const zoneThemes = change.zoneThemes ?? this.zoneThemes;
    return {
      revision: change.next.revision,
      themeKey: change.next.themeKey,
      pack: ref(change.next.packVersionId),
      startAt: change.next.startAt,
      updatedAt: change.next.updatedAt,
      override: change.next.override,
      sharedRevision: change.sharedRevision,
      overrideFlipAt: change.overrideFlipAt,
      zones: [...zoneThemes.values()].map((zoneTheme) => ({
        zoneId: zoneTheme.zoneId,
        themeKey: zoneTheme.themeKey,
        pack: ref(zoneTheme.packVersionId),
        startAt: zoneTheme.startAt,
        revision:
          change.scope !== 'all' && change.scope.zone === zoneTheme.zoneId
            ? change.row.revision
            : (this.zoneRevisions.get(zoneTheme.zoneId) ?? change.row.revision),
      })),
      change: {
        revision: change.row.revision,
        kind: change.row.kind,
        zoneId: change.row.zoneId,
        themeKey: change.row.themeKey,
        pack: ref(change.row.packVersionId),
        requestedAt: change.row.requestedAt,
        startAt: change.row.startAt,
        requestedBy: change.row.requestedBy,
      },
    };
  }

  /** This node's state in the shared form (to seed an empty or restarted store). */
  shared(): SharedHallState {
    const row = getSwitchRow(this.db, this.state.revision) ?? {
      revision: this.state.revision,
      kind: 'theme' as const,
      zoneId: null,
      themeKey: this.state.themeKey ?? '',
      packVersionId: this.state.packVersionId,
      requestedAt: this.state.updatedAt,
      startAt: this.state.startAt,
      requestedBy: 'controller',
      expectedScreens: [],
    };
    return this.share({
      next: this.state,
      row,
      scope: row.zoneId === null ? 'all' : { zone: row.zoneId },
      zoneThemes: null,
      sharedRevision: this.sharedRevision,
      overrideFlipAt: this.overrideFlipAt,
      result: undefined,
    });
  }

  /**
   * Takes a state another node wrote to the shared store, if it is newer than this node's, and
   * tells the listeners as if it had been pressed here (they send it to this node's screens).
   */
  adopt(shared: SharedHallState): Promise<boolean> {
    const task = this.queue.then(() => this.adoptNow(shared));
    this.queue = task.catch(() => undefined);
    return task;
  }

  /** A remote state waits here when a pack version it names has not reached this node yet. */
  retryWaiting(): Promise<boolean> {
    const waiting = this.waitingRemote;
    return waiting ? this.adopt(waiting) : Promise.resolve(false);
  }

  private adoptNow(shared: SharedHallState): boolean {
    if (shared.revision <= this.state.revision) return false;
    const local = (ref: SharedHallState['pack']) =>
      ref === null ? null : (findPackVersion(this.db, ref.packId, ref.version)?.id ?? undefined);
    const packVersionId = local(shared.pack);
    const zones = shared.zones.map((zone) => ({ ...zone, packVersionId: local(zone.pack) }));
    if (packVersionId === undefined || zones.some((zone) => zone.packVersionId === undefined)) {
      // Showing the idle picture instead would be worse than showing the previous theme for
      // the moment it takes the library to arrive (the same rule as a screen missing files).
      this.waitingRemote = shared;
      return false;
    }
    this.waitingRemote = null;
    const zoneThemes = new Map<string, ZoneThemeRow>();
    for (const zone of zones) {
      if (!getZone(this.db, zone.zoneId)) continue;
      zoneThemes.set(zone.zoneId, {
        zoneId: zone.zoneId,
        themeKey: zone.themeKey,
        packVersionId: zone.packVersionId ?? null,
        startAt: zone.startAt,
      });
    }
    const { change } = shared;
    const row: SwitchRow = {
      revision: change.revision,
      kind: change.kind,
      zoneId: change.zoneId !== null && getZone(this.db, change.zoneId) ? change.zoneId : null,
      themeKey: change.themeKey,
      packVersionId: local(change.pack) ?? null,
      requestedAt: change.requestedAt,
      startAt: change.startAt,
      requestedBy: change.requestedBy,
      expectedScreens: this.expectedScreens(change.zoneId),
    };
    this.requestTimes.set(row.revision, row.requestedAt);
    this.apply({
      next: {
        revision: shared.revision,
        themeKey: shared.themeKey,
        packVersionId,
        startAt: shared.startAt,
        updatedAt: shared.updatedAt,
        override: shared.override,
      },
      row,
      scope: row.zoneId === null ? 'all' : { zone: row.zoneId },
      zoneThemes,
      sharedRevision: shared.sharedRevision,
      overrideFlipAt: shared.overrideFlipAt,
      result: undefined,
    });
    for (const zone of shared.zones) this.zoneRevisions.set(zone.zoneId, zone.revision);
    return true;
  }

  /** The state as a screen of `role` in `zone` should see it. */
  stateFor(role: string, zone: string | null = null): ScreenState {
    const { revision } = this.state;
    const own = zone === null ? undefined : this.zoneThemes.get(zone);
    const { themeKey, packVersionId, startAt } = own ?? this.state;
    const override = contentOf(this.state.override);
    const extra = {
      ...(this.flipMode === 'receipt' ? { flip: 'receipt' as const } : {}),
      ...(this.overrideFlipAt > startAt ? { flipAt: this.overrideFlipAt } : {}),
      ...(override ? { override } : {}),
    };
    if (themeKey === null || packVersionId === null)
      return { revision, startAt, presentation: null, ...extra };
    const version = getPackVersion(this.db, packVersionId);
    if (!version) return { revision, startAt, presentation: null, ...extra };
    const urls = {
      files: packVersionFiles(this.db, version.id),
      pagePath: (path: string) => this.pages.pathFor(version.id, path),
      visitorUrl: this.visitorUrl(version.packId),
    };
    return {
      revision,
      startAt,
      presentation: presentationFor(themeKey, version.manifest, urls, role),
      ...extra,
    };
  }

  /** The themes on keys, with how many screens are armed for each (from the registry). */
  themes(armed: ReadonlyMap<string, { ready: number; total: number }> = new Map()): ThemeSummary[] {
    return listThemes(this.db).flatMap((theme) => {
      const version = getPackVersion(this.db, theme.packVersionId);
      if (!version) return [];
      return [
        {
          key: theme.key,
          title: bothLanguages(version.manifest.title),
          packId: version.packId,
          packVersion: version.version,
          slideCount: version.manifest.roles.main?.slides.length ?? 0,
          armed: armed.get(theme.key) ?? { ready: 0, total: 0 },
        },
      ];
    });
  }

  history(limit = 20): SwitchRecord[] {
    this.flushPresentations();
    return recentSwitches(this.db, limit).map((row) => this.toRecord(row));
  }

  /** Records a screen's report for a press, and learns from it how long screens need. */
  recordPresented(revision: number, screenId: string, presentedAt: number, readyAt?: number) {
    if (this.pendingPresentations.length === 0) {
      setTimeout(() => this.flushPresentations(), PRESENTATIONS_FLUSH_MS).unref();
    }
    this.pendingPresentations.push({ revision, screenId, at: presentedAt });
    const requestedAt = this.requestTimes.get(revision);
    if (requestedAt !== undefined && readyAt !== undefined)
      this.lead.observe(readyAt - requestedAt, revision);
  }

  /** The lead the next press will get (ms). */
  get nextLeadMs(): number {
    return this.fixedLeadMs ?? this.lead.leadMs;
  }

  /** Writes the reports received so far; reads of switch reports call it first. */
  flushPresentations(): void {
    const rows = this.pendingPresentations;
    this.pendingPresentations = [];
    // The deferred flush may run after the store closed (shutdown, tests): nothing to keep then.
    if (rows.length === 0 || !this.db.open) return;
    insertPresentations(this.db, rows);
  }

  record(revision: number): SwitchRecord | undefined {
    this.flushPresentations();
    const row = recentSwitches(this.db, 1, revision)[0];
    return row && this.toRecord(row);
  }

  private toRecord(row: SwitchRow): SwitchRecord {
    // Names are read only when a screen is missing, and then all at once, not one query each.
    let names: Map<string, string> | undefined;
    const version =
      row.packVersionId === null ? undefined : getPackVersion(this.db, row.packVersionId);
    const overrideTitle =
      row.kind === 'blackout' || row.kind === 'emergency' ? OVERRIDE_TITLES[row.kind] : null;
    return {
      revision: row.revision,
      kind: row.kind,
      zoneId: row.zoneId,
      themeKey: row.themeKey,
      themeTitle:
        overrideTitle ??
        (version
          ? bothLanguages(version.manifest.title)
          : { zh: row.themeKey || '空闲', en: row.themeKey || 'idle' }),
      requestedAt: row.requestedAt,
      startAt: row.startAt,
      requestedBy: row.requestedBy,
      report: summarise(
        row.startAt,
        row.expectedScreens,
        presentationsOf(this.db, row.revision),
        (id) => (names ??= screenNames(this.db)).get(id) ?? id,
      ),
    };
  }
}
