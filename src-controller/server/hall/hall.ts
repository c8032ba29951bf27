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
import { getPackVersion, packVersionFiles } from '../db/packs-table';
import { getScreen } from '../db/screens-table';
import {
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

  /** Writes a change, then updates memory (`apply`), and only then tells the listeners. */
  private commit(
    next: HallStateRow,
    row: SwitchRow,
    scope: ChangeScope,
    write?: () => void,
    apply?: () => void,
  ) {
    this.db.transaction(() => {
      write?.();
      writeHallState(this.db, next);
      insertSwitch(this.db, row);
    })();
    this.state = next;
    this.lastExpected = row.expectedScreens;
    apply?.();
    const record = this.toRecord(row);
    for (const listener of this.listeners) listener(next, record, scope);
  }

  /**
   * Switches every screen to the theme on `key`, or with `zone` only that zone's screens.
   * A whole-hall press also ends every zone's own theme: one key brings the hall together.
   */
  activate(key: string, requestedBy: string, zone?: string): { revision: number; startAt: number } {
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
    if (zone !== undefined) {
      const zoneTheme = {
        zoneId: zone,
        themeKey: key,
        packVersionId: theme.packVersionId,
        startAt,
      };
      this.commit(
        { ...this.state, revision, updatedAt },
        row,
        { zone },
        () => writeZoneTheme(this.db, zoneTheme),
        () => {
          this.zoneThemes.set(zone, zoneTheme);
          this.zoneRevisions.set(zone, revision);
        },
      );
    } else {
      const next = {
        ...this.state,
        revision,
        themeKey: key,
        packVersionId: theme.packVersionId,
        startAt,
        updatedAt,
      };
      this.commit(
        next,
        row,
        'all',
        () => clearZoneThemes(this.db),
        () => {
          this.zoneThemes.clear();
          this.zoneRevisions.clear();
          this.sharedRevision = revision;
        },
      );
    }
    return { revision, startAt };
  }

  /**
   * Raises a blackout or an emergency message on every screen, or with null clears it. The
   * themes underneath keep running on their timelines, so clearing lands on the right slide.
   * Asking for what is already on screen changes nothing.
   */
  setOverride(
    override: ScreenOverride | null,
    requestedBy: string,
  ): { revision: number; startAt: number } {
    const active = this.state.override;
    if (override === null ? active === null : sameOverride(override, contentOf(active))) {
      return { revision: this.state.revision, startAt: this.overrideFlipAt };
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
    this.commit(next, row, 'all', undefined, () => {
      this.overrideFlipAt = startAt;
      this.sharedRevision = revision;
    });
    return { revision, startAt };
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
    if (this.pendingPresentations.length === 0) setImmediate(() => this.flushPresentations());
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
        (id) => getScreen(this.db, id)?.name ?? id,
      ),
    };
  }
}
