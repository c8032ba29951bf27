import { minutesOf, type Programme, type ProgrammeAction } from '../../../src-shared/programme';

/** A moment as the hall's wall clock shows it, in the controller's time zone. */
export interface LocalTime {
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  /** YYYY-MM-DD of the local day. */
  date: string;
}

const WEEKDAY_INDEX: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** Converts epoch milliseconds to the hall's local day and minute, with Intl's time zone data. */
export function localTimeIn(timeZone: string): (epochMs: number) => LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (epochMs) => {
    const parts = Object.fromEntries(
      format.formatToParts(epochMs).map((part) => [part.type, part.value]),
    );
    return {
      weekday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
      minute: Number(parts.hour) * 60 + Number(parts.minute),
      date: `${parts.year}-${parts.month}-${parts.day}`,
    };
  };
}

/** What the programme wants at `minute` of a day that is `weekday`. */
export function actionAt(programme: Programme, weekday: number, minute: number): ProgrammeAction {
  const hours = programme.hours[weekday];
  if (!hours || minute < minutesOf(hours.open) || minute >= minutesOf(hours.close)) {
    return { kind: 'closed', whenClosed: programme.whenClosed };
  }
  // The latest slot that has started today wins; once its minutes are up, the loop returns.
  const started = programme.slots
    .filter((slot) => slot.days.includes(weekday) && minutesOf(slot.time) <= minute)
    .sort((a, b) => minutesOf(b.time) - minutesOf(a.time))[0];
  if (
    started &&
    (started.minutes === undefined || minute < minutesOf(started.time) + started.minutes)
  ) {
    return { kind: 'slot', themeKey: started.themeKey, slotId: started.id };
  }
  return { kind: 'attract', themeKey: programme.attractThemeKey };
}

/** Minutes of a weekday at which the programme may change. */
function boundaries(programme: Programme, weekday: number): number[] {
  const hours = programme.hours[weekday];
  const marks = new Set<number>([0]);
  if (hours) {
    marks.add(minutesOf(hours.open));
    marks.add(minutesOf(hours.close));
  }
  for (const slot of programme.slots) {
    if (!slot.days.includes(weekday)) continue;
    marks.add(minutesOf(slot.time));
    if (slot.minutes !== undefined) marks.add(minutesOf(slot.time) + slot.minutes);
  }
  return [...marks].filter((m) => m < 24 * 60).sort((a, b) => a - b);
}

export const sameAction = (a: ProgrammeAction, b: ProgrammeAction) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Where the programme stands at `epochMs`: the action, a key naming the segment it belongs to
 * (so a restart can tell whether that change was already made), when it began and what comes
 * next. Times within a day are counted in minutes from local midnight, so on a daylight-saving
 * day a change may land an hour off; halls rarely run talks at 2 a.m.
 */
export function programmeAt(
  programme: Programme,
  local: (ms: number) => LocalTime,
  epochMs: number,
) {
  const here = local(epochMs);
  const action = actionAt(programme, here.weekday, here.minute);
  // The current run of this action began at the last boundary where the action changed.
  let startMinute = 0;
  let previous: ProgrammeAction | null = null;
  for (const mark of boundaries(programme, here.weekday)) {
    if (mark > here.minute) break;
    const at = actionAt(programme, here.weekday, mark);
    if (previous === null || !sameAction(previous, at)) startMinute = mark;
    previous = at;
  }
  const minuteMs = 60_000;
  const since = epochMs - (here.minute - startMinute) * minuteMs - (epochMs % minuteMs);
  let next: { action: ProgrammeAction; at: number } | null = null;
  search: for (let day = 0; day <= 7; day++) {
    const weekday = (here.weekday + day) % 7;
    for (const mark of boundaries(programme, weekday)) {
      if (day === 0 && mark <= here.minute) continue;
      const candidate = actionAt(programme, weekday, mark);
      if (sameAction(candidate, action)) continue;
      const at = epochMs - (epochMs % minuteMs) + (day * 24 * 60 + mark - here.minute) * minuteMs;
      next = { action: candidate, at };
      break search;
    }
  }
  return {
    action,
    key: `${here.date}@${startMinute}:${JSON.stringify(action)}`,
    since,
    next,
  };
}
