import { bothLanguages } from '../../../src-shared/manifest';
import type { ScreenState } from '../../../src-shared/hall-state';
import type { HallSummary, SwitchRecord, ThemeSummary } from '../../../src-shared/protocol';
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
  private readonly listeners = new Set<(state: HallStateRow, record: SwitchRecord) => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly pages: PageUrls,
    /** A fixed lead in ms; without one the lead adapts to how fast screens get ready. */
    private readonly fixedLeadMs?: number,
    private readonly flipMode: 'scheduled' | 'receipt' = 'scheduled',
  ) {
    this.state = readHallState(db);
  }

  get current(): HallSummary {
    return {
      revision: this.state.revision,
      themeKey: this.state.themeKey,
      startAt: this.state.startAt,
    };
  }

  onChange(listener: (state: HallStateRow, record: SwitchRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The public visitor page of a pack, or null while it is not public; set by the controller. */
  visitorUrl: (packId: string) => string | null = () => null;

  /** Who should present the next press; set by the controller from the live registry. */
  expectedScreens: () => string[] = () => [];

  /** The screens the latest press expected to present it (for metrics). */
  lastExpected: readonly string[] = [];

  /** Moves a flip time onto the screens' shared frame grid; set by the controller. */
  alignStart: (time: number) => number = (time) => time;

  /** Switches every screen to the theme on `key`. Returns the new revision. */
  activate(key: string, requestedBy: string): { revision: number; startAt: number } {
    const theme = getTheme(this.db, key);
    if (!theme) throw new UnknownThemeError(key);
    const requestedAt = this.clock();
    const startAt = this.alignStart(requestedAt + (this.fixedLeadMs ?? this.lead.leadMs));
    this.requestTimes.set(this.state.revision + 1, requestedAt);
    if (this.requestTimes.size > 64) {
      this.requestTimes.delete(this.requestTimes.keys().next().value as number);
    }
    const next: HallStateRow = {
      revision: this.state.revision + 1,
      themeKey: key,
      packVersionId: theme.packVersionId,
      startAt,
      updatedAt: Date.now(),
    };
    const row: SwitchRow = {
      revision: next.revision,
      themeKey: key,
      packVersionId: theme.packVersionId,
      requestedAt,
      startAt,
      requestedBy,
      expectedScreens: this.expectedScreens(),
    };
    this.db.transaction(() => {
      writeHallState(this.db, next);
      insertSwitch(this.db, row);
    })();
    this.state = next;
    this.lastExpected = row.expectedScreens;
    const record = this.toRecord(row);
    for (const listener of this.listeners) listener(next, record);
    return { revision: next.revision, startAt };
  }

  /** The state as a screen of `role` should see it. */
  stateFor(role: string): ScreenState {
    const { revision, themeKey, packVersionId } = this.state;
    const startAt = this.state.startAt;
    const flip = this.flipMode === 'receipt' ? { flip: 'receipt' as const } : {};
    if (themeKey === null || packVersionId === null)
      return { revision, startAt, presentation: null };
    const version = getPackVersion(this.db, packVersionId);
    if (!version) return { revision, startAt, presentation: null };
    const urls = {
      files: packVersionFiles(this.db, version.id),
      pagePath: (path: string) => this.pages.pathFor(version.id, path),
      visitorUrl: this.visitorUrl(version.packId),
    };
    return {
      revision,
      startAt,
      presentation: presentationFor(themeKey, version.manifest, urls, role),
      ...flip,
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
      this.lead.observe(readyAt - requestedAt);
  }

  /** The lead the next press will get (ms). */
  get nextLeadMs(): number {
    return this.fixedLeadMs ?? this.lead.leadMs;
  }

  /** Writes the reports received so far; reads of switch reports call it first. */
  flushPresentations(): void {
    const rows = this.pendingPresentations;
    this.pendingPresentations = [];
    // The flush scheduled by the first report may run after close() flushed and closed the db.
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
    return {
      revision: row.revision,
      themeKey: row.themeKey,
      themeTitle: version
        ? bothLanguages(version.manifest.title)
        : { zh: row.themeKey, en: row.themeKey },
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
