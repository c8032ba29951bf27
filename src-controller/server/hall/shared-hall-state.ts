import { z } from 'zod';
import { screenOverrideSchema } from '../../../src-shared/hall-override';

/** A pack version by name: row ids differ from node to node, names do not. */
const packRefSchema = z.object({ packId: z.string(), version: z.string() }).nullable();

/**
 * The hall as every controller node of a cluster reads it from the shared store (Redis), with
 * the change that produced it. It arrives from the network, so it is checked where it arrives.
 */
export const sharedHallStateSchema = z.object({
  revision: z.number().int().nonnegative(),
  themeKey: z.string().nullable(),
  pack: packRefSchema,
  startAt: z.number(),
  updatedAt: z.number(),
  override: screenOverrideSchema.and(z.object({ since: z.number(), by: z.string() })).nullable(),
  /** The last change every screen saw (see Hall.sharedRevision). */
  sharedRevision: z.number().int().nonnegative(),
  overrideFlipAt: z.number(),
  zones: z.array(
    z.object({
      zoneId: z.string(),
      themeKey: z.string(),
      pack: packRefSchema,
      startAt: z.number(),
      revision: z.number().int().nonnegative(),
    }),
  ),
  /** The press itself. Who was expected to present it each node works out from the hall's
   * presence list: thousands of screen ids would not belong in every message. */
  change: z.object({
    revision: z.number().int().nonnegative(),
    kind: z.enum(['theme', 'blackout', 'emergency', 'clear']),
    zoneId: z.string().nullable(),
    themeKey: z.string(),
    pack: packRefSchema,
    requestedAt: z.number(),
    startAt: z.number(),
    requestedBy: z.string(),
  }),
});

export type SharedHallState = z.infer<typeof sharedHallStateSchema>;

/** The one place a cluster's hall state lives; a change is accepted only on the latest state. */
export interface HallAuthority {
  /**
   * Stores `next` if the store is still at `baseRevision`; otherwise leaves it alone and
   * returns what it holds, for the node to catch up on and try again.
   */
  commit(
    baseRevision: number,
    next: SharedHallState,
  ): Promise<{ committed: true } | { committed: false; current: SharedHallState }>;
}
