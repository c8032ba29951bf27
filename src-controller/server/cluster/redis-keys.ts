/**
 * Every key a hall uses in Redis. The hall id sits in braces (a Redis Cluster hash tag), so a
 * hall's keys share one slot and its scripts may touch several of them; no key of one hall is
 * ever built from another hall's id, which is what keeps halls apart.
 */
export function hallKeys(hallId: string) {
  const prefix = `hallcue:{${hallId}}`;
  return {
    /** Hash: `revision` and `state` (SharedHallState JSON), the hall's one source of truth. */
    state: `${prefix}:state`,
    /** The Socket.IO adapter's stream between this hall's nodes. */
    bus: `${prefix}:bus`,
    /** Hash: node id → {url, at}, refreshed by every live node. */
    nodes: `${prefix}:nodes`,
    /** Hash: screen name → the screen's identity row (replicated-registry.ts). */
    screens: `${prefix}:screens`,
    /** String: the hall's zones as JSON. */
    zones: `${prefix}:zones`,
    /** Hashes `<prefix><table>`: natural key → row (replicated-tables.ts). */
    tablePrefix: `${prefix}:table:`,
    /** String with expiry: the node that runs the hall's weekly programme. */
    leader: `${prefix}:leader`,
    /** Stream of requests from outside the hall (an administrator's multi-hall push). */
    requests: `${prefix}:requests`,
    /** Hash: JSON [packId, version] → that version's entry (present or deleted; library-entries.ts). */
    libraryVersions: `${prefix}:library:versions`,
    /** Hash: theme key → the pack version it plays, by name. */
    libraryThemes: `${prefix}:library:themes`,
    /** Counter: the library's revision, one step per change of either hash. */
    librarySeq: `${prefix}:library:seq`,
    /** The secret a node shows another to fetch a pack version from it (created once, SET NX). */
    librarySecret: `${prefix}:library:secret`,
  };
}

/** Hash: hall id → {name, at}, every hall a node has served; what a multi-hall push may target. */
export const HALLS_KEY = 'hallcue:halls';

/** List a push's answers come back on; short-lived. */
export const pushReplyKey = (pushId: string) => `hallcue:push:${pushId}`;

/** Hall ids end up in keys, URLs and logs: keep them plain. */
export const HALL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
