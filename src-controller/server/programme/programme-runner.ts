import {
  EMPTY_PROGRAMME,
  programmeSchema,
  type Programme,
  type ProgrammeAction,
  type ProgrammeStatus,
} from '../../../src-shared/programme';
import type { SwitchRecord } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { getTheme } from '../db/themes-table';
import type { Hall } from '../hall/hall';
import type { Logger } from '../logger';
import { localTimeIn, programmeAt, sameAction } from './programme-clock';

/** Who the switch history names for the programme's own presses. */
export const PROGRAMME_ACTOR = 'programme';

interface RunnerState {
  /** The programme segment last acted on (see programmeAt). */
  key: string | null;
  action: ProgrammeAction | null;
  overridden: boolean;
}

function readJson<T>(db: Db, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

function writeJson(db: Db, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, JSON.stringify(value));
}

/**
 * Runs the weekly programme on the controller's wall clock, in its time zone. It acts only when
 * the programme's action changes, so a manual press holds until the next scheduled change or
 * until someone resumes the programme. Its state lives in SQLite: after a restart it catches
 * up with the segment it missed, and leaves alone one it had already applied.
 */
export class ProgrammeRunner {
  private programme: Programme;
  private state: RunnerState;
  private timer: NodeJS.Timeout | undefined;
  private applying = false;
  /** A programmed change the hall refused (a cluster store that kept changing): logged. */
  private readonly failed = (error: unknown) =>
    this.log.error({ err: error }, 'programme: the change could not be made');
  private readonly local: ReturnType<typeof localTimeIn>;
  private readonly listeners = new Set<(status: ProgrammeStatus) => void>();

  constructor(
    private readonly db: Db,
    private readonly hall: Hall,
    /** Wall-clock epoch milliseconds; injected so tests can move time. */
    private readonly now: () => number,
    readonly timeZone: string,
    private readonly log: Logger,
  ) {
    this.local = localTimeIn(timeZone);
    const stored = programmeSchema.safeParse(readJson(db, 'programme'));
    this.programme = stored.success ? stored.data : EMPTY_PROGRAMME;
    this.state = readJson<RunnerState>(db, 'programme_state') ?? {
      key: null,
      action: null,
      overridden: false,
    };
    hall.onChange((_state, record) => this.noticePress(record));
  }

  /**
   * Whether this controller presses programmed changes. Of a cluster's nodes only the one holding
   * the hall's lease does; the others follow the programme's segments without pressing, so the
   * node that takes over does not repeat a change already made.
   */
  mayAct: () => boolean = () => true;

  /** Reads the programme again (another node of the hall changed it). */
  reload(): void {
    const stored = programmeSchema.safeParse(readJson(this.db, 'programme'));
    this.programme = stored.success ? stored.data : EMPTY_PROGRAMME;
    this.emit();
  }

  onStatus(listener: (status: ProgrammeStatus) => void): void {
    this.listeners.add(listener);
  }

  start(intervalMs: number): void {
    this.tick();
    if (intervalMs > 0) this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  status(): ProgrammeStatus {
    const at = this.programme.enabled ? programmeAt(this.programme, this.local, this.now()) : null;
    return {
      programme: this.programme,
      timeZone: this.timeZone,
      overridden: this.state.overridden,
      now: at ? { action: at.action, since: at.since } : null,
      next: at?.next ?? null,
    };
  }

  /** Stores a new programme and applies what it wants now. */
  setProgramme(programme: Programme): void {
    this.programme = programme;
    writeJson(this.db, 'programme', programme);
    this.save({ key: null, action: null, overridden: false });
    this.tick();
    this.emit();
  }

  /** Ends a manual override: the hall goes back to what the programme wants now. */
  resume(): void {
    this.save({ ...this.state, key: null, action: null, overridden: false });
    this.tick();
    this.emit();
  }

  /** Checks the clock; applies the programme's action if it changed since it last acted. */
  tick(): void {
    if (!this.programme.enabled) return;
    const at = programmeAt(this.programme, this.local, this.now());
    if (at.key === this.state.key) return;
    if (!this.mayAct()) {
      this.save({ key: at.key, action: at.action, overridden: this.state.overridden });
      return;
    }
    if (this.state.action && sameAction(this.state.action, at.action)) {
      // A new day's segment doing the same thing (overnight closure): nothing changes.
      this.save({ ...this.state, key: at.key });
      return;
    }
    this.apply(at.action);
    this.save({ key: at.key, action: at.action, overridden: false });
    this.emit();
  }

  private apply(action: ProgrammeAction): void {
    this.applying = true;
    try {
      const override = this.hall.current.override;
      if (action.kind === 'closed') {
        if (action.whenClosed === 'blackout' && !override) {
          this.hall.setOverride({ kind: 'blackout' }, PROGRAMME_ACTOR).catch(this.failed);
        }
        this.log.info({ action }, 'programme: hall closed');
        return;
      }
      // Opening lifts the programme's own blackout, never an operator's override.
      if (override?.kind === 'blackout' && override.by === PROGRAMME_ACTOR) {
        this.hall.setOverride(null, PROGRAMME_ACTOR).catch(this.failed);
      }
      if (action.themeKey === null) return;
      if (!getTheme(this.db, action.themeKey)) {
        this.log.warn({ action }, 'programme: no theme on that key; nothing switched');
        return;
      }
      this.hall.activate(action.themeKey, PROGRAMME_ACTOR).catch(this.failed);
      this.log.info({ action }, 'programme: switched');
    } finally {
      this.applying = false;
    }
  }

  /** A theme pressed by anyone else overrides the programme until its next change. */
  private noticePress(record: SwitchRecord): void {
    if (this.applying || record.requestedBy === PROGRAMME_ACTOR || record.kind !== 'theme') return;
    if (!this.programme.enabled || this.state.overridden) return;
    this.save({ ...this.state, overridden: true });
    this.emit();
  }

  private save(state: RunnerState): void {
    this.state = state;
    writeJson(this.db, 'programme_state', state);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
