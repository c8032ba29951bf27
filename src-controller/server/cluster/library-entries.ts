import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/open';
import { findPackVersion, packVersionFiles } from '../db/packs-table';
import type { PackRef } from '../packs/pack-library';

// What the hall's shared library looks like in Redis (docs/scaling.md, "Pack library on every
// node"). Everything is by name, never by a node's row ids. Entries arrive from the network, so
// each one is checked where it is read.

const packIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const versionSchema = z.string().regex(/^\d+\.\d+\.\d+$/);

/** One pack version of the hall: present (with its content's fingerprint) or deleted. */
export const versionEntrySchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('present'),
    /** sha256 over the manifest and every file's path and hash: the same bytes on every node. */
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    /** The node that brought it into the hall: the first one asked for its files. */
    origin: z.string().max(100),
    /** That node's address, for people reading logs and status. */
    from: z.string().max(500).optional(),
    by: z.string().max(300),
    at: z.number(),
    seq: z.number().int().nonnegative(),
  }),
  z.object({
    state: z.literal('deleted'),
    by: z.string().max(300),
    from: z.string().max(500).optional(),
    at: z.number(),
    seq: z.number().int().nonnegative(),
  }),
]);
export type VersionEntry = z.infer<typeof versionEntrySchema>;

/** The pack version a theme key plays, and how it got there (a rollback is recorded as one). */
export const themeEntrySchema = z.object({
  packId: packIdSchema,
  version: versionSchema,
  kind: z.enum(['publish', 'rollback']),
  by: z.string().max(300),
  /** The address of the node the curator used. */
  from: z.string().max(500).optional(),
  at: z.number(),
  seq: z.number().int().nonnegative(),
});
export type ThemeEntry = z.infer<typeof themeEntrySchema>;

/** What a node announces after a change: just the library's new revision. */
export const libraryAnnouncementSchema = z.object({
  seq: z.number().int().nonnegative(),
  from: z.string().max(100),
});

/** A version's field in the versions hash: JSON keeps any pack id and version apart. */
export const versionField = (ref: PackRef) => JSON.stringify([ref.packId, ref.version]);

const fieldSchema = z.tuple([packIdSchema, versionSchema]);

/** The pack version named by a field of the versions hash, or null for a malformed one. */
export function refOfField(field: string): PackRef | null {
  try {
    const parsed = fieldSchema.safeParse(JSON.parse(field));
    return parsed.success ? { packId: parsed.data[0], version: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

export const refText = (ref: PackRef) => `${ref.packId} ${ref.version}`;

/**
 * The fingerprint of a version this node holds: equal on two nodes exactly when both hold the
 * same manifest and the same bytes under the same paths. Null when it is not held here.
 */
export function fingerprintOf(db: Db, ref: PackRef): string | null {
  const row = findPackVersion(db, ref.packId, ref.version);
  if (!row) return null;
  const files = [...packVersionFiles(db, row.id)]
    .map(([path, file]) => [path, file.sha256])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1));
  return createHash('sha256')
    .update(canonicalJson({ manifest: row.manifest, files }))
    .digest('hex');
}

/** JSON with every object's keys sorted: the same text for the same value on any node. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
