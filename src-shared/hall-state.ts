import { z } from 'zod';
import { screenOverrideSchema } from './hall-override';
import { presentationSchema } from './presentation';

/**
 * What one screen should show. `revision` orders every change of the hall; `startAt` is the
 * controller-clock time (ms) at which the presentation's timeline starts.
 */
export const screenStateSchema = z.object({
  revision: z.number().int().nonnegative(),
  startAt: z.number(),
  presentation: presentationSchema.nullable(),
  /**
   * `scheduled` (default): flip on the frame nearest startAt. `receipt`: flip as soon as ready,
   * the way most signage does it; kept only to measure the difference (docs/sync.md).
   */
  flip: z.enum(['scheduled', 'receipt']).optional(),
  /** Blackout or emergency message, shown instead of the presentation while set. */
  override: screenOverrideSchema.nullable().optional(),
  /**
   * When this revision appears on screen, if not at `startAt`: raising or clearing an override
   * flips at its own moment while the theme underneath keeps its timeline.
   */
  flipAt: z.number().optional(),
});
export type ScreenState = z.infer<typeof screenStateSchema>;

/** The state a screen shows before it has heard from any controller. */
export const EMPTY_SCREEN_STATE: ScreenState = { revision: 0, startAt: 0, presentation: null };

/**
 * Whether `incoming` should replace `current`. Only strictly newer revisions win, so duplicated
 * or reordered deliveries can never move a screen backwards.
 */
export function isNewerState(current: { revision: number }, incoming: { revision: number }) {
  return incoming.revision > current.revision;
}
