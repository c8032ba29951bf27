import { z } from 'zod';

/** Local time of day as "HH:MM", 24-hour. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM, 00:00 to 23:59');

export const minutesOf = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const themeKey = z.string().regex(/^[1-9]$/, 'theme key must be one of the digits 1 to 9');

/** Weekdays as JavaScript counts them: 0 is Sunday. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

const hoursSchema = z
  .object({ open: timeOfDaySchema, close: timeOfDaySchema })
  .refine((h) => minutesOf(h.close) > minutesOf(h.open), {
    message: 'closing time must be after opening time',
  });

export const programmeSlotSchema = z.object({
  id: z.string().min(1).max(40),
  days: z.array(z.number().int().min(0).max(6)).min(1, 'pick at least one day').max(7),
  time: timeOfDaySchema,
  themeKey,
  /** How long the theme plays before the attract loop returns; until the next change if left out. */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export type ProgrammeSlot = z.infer<typeof programmeSlotSchema>;

/**
 * The weekly programme: opening hours per weekday (closed days left null), the attract loop
 * that plays while open and no talk is on, and themes at set times on given weekdays.
 */
export const programmeSchema = z.object({
  enabled: z.boolean(),
  /** Index 0 is Sunday; null means closed all day. */
  hours: z.array(hoursSchema.nullable()).length(7),
  attractThemeKey: themeKey.nullable(),
  /** What the screens do while the hall is closed: go black, or stay as they are. */
  whenClosed: z.enum(['blackout', 'keep']),
  slots: z.array(programmeSlotSchema).max(200),
});
export type Programme = z.infer<typeof programmeSchema>;

export const EMPTY_PROGRAMME: Programme = {
  enabled: false,
  hours: [null, ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '17:00' })), null],
  attractThemeKey: null,
  whenClosed: 'blackout',
  slots: [],
};

/** What the programme wants on the screens at one moment. */
export type ProgrammeAction =
  | { kind: 'closed'; whenClosed: 'blackout' | 'keep' }
  | { kind: 'attract'; themeKey: string | null }
  | { kind: 'slot'; themeKey: string; slotId: string };

export interface ProgrammeStatus {
  programme: Programme;
  /** The controller's time zone, in which the programme runs. */
  timeZone: string;
  /** A manual press took over; the programme waits for its next change or "resume". */
  overridden: boolean;
  now: { action: ProgrammeAction; since: number } | null;
  next: { action: ProgrammeAction; at: number } | null;
}
