import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import type { FileStore } from '../packs/file-store';
import { deletePackVersion } from '../packs/library';
import { formatProblem, PackError } from '../packs/pack-error';
import type { PackLibrary, PackRef } from '../packs/pack-library';
import { refText, type VersionEntry } from './library-entries';
import { fetchPack, FetchError } from './pack-transfer';

export interface FetchDeps {
  selfId: string;
  /** Node id → address of the hall's live nodes. */
  liveNodes(): Promise<Map<string, string>>;
  secret: string;
  downloadsDir: string;
  idleMs: number;
  signal: AbortSignal;
  library: PackLibrary;
  store: FileStore;
  db: Db;
  /** The fingerprint of the version this node holds under `ref`, or null. */
  fingerprint(ref: PackRef): string | null;
  /** Who the import is recorded as in the audit log. */
  actor: string;
  log: Logger;
}

export type FetchOutcome =
  | { ok: true }
  | {
      ok: false;
      kind: 'fetch' | 'refused';
      reason: string;
      node: string | null;
      /** A node refused this node's secret: read it again before the next round. */
      forbidden: boolean;
    };

interface Failure {
  url: string;
  reason: string;
  refused: boolean;
  /** The node answered that it does not hold the version: no news when another says more. */
  missing: boolean;
}

/**
 * One round of fetching `ref`: asks the node it came from first, then every other live node of
 * the hall, until one sends a zip that imports here (the normal import, all or nothing) with
 * the hall's fingerprint. Each failure is logged; the outcome sums up the telling ones.
 */
export async function fetchFromHall(
  ref: PackRef,
  entry: VersionEntry & { state: 'present' },
  deps: FetchDeps,
): Promise<FetchOutcome> {
  const order = [...(await deps.liveNodes()).entries()]
    .filter(([id]) => id !== deps.selfId)
    .sort(([a], [b]) => (a === entry.origin ? -1 : b === entry.origin ? 1 : 0));
  if (order.length === 0) {
    const reason = 'no other live node of the hall to fetch it from';
    return { ok: false, kind: 'fetch', reason, node: null, forbidden: false };
  }
  await mkdir(deps.downloadsDir, { recursive: true });
  const failures: Failure[] = [];
  let forbidden = false;
  for (const [, url] of order) {
    if (deps.signal.aborted) break;
    const dest = join(deps.downloadsDir, `cluster-${randomUUID()}.hcpack`);
    try {
      await fetchOne(url, ref, entry, dest, deps);
      return { ok: true };
    } catch (error) {
      const refused = error instanceof PackError;
      const reason = refused
        ? `refused by validation here: ${error.problems.map(formatProblem).join('; ')}`
        : (error as Error).message;
      forbidden ||= error instanceof FetchError && error.status === 403;
      const missing = error instanceof FetchError && error.status === 404;
      failures.push({ url, reason, refused, missing });
      deps.log.warn({ pack: refText(ref), node: url, reason }, 'could not fetch pack version');
    } finally {
      await rm(dest, { force: true });
    }
  }
  const telling = failures.some((f) => !f.missing) ? failures.filter((f) => !f.missing) : failures;
  const reason =
    telling.length === 1
      ? (telling[0]?.reason ?? '')
      : telling.map((f) => `${f.url}: ${f.reason}`).join('; ');
  return {
    ok: false,
    kind: telling.some((f) => f.refused) ? 'refused' : 'fetch',
    reason: reason || 'stopped',
    node: telling[0]?.url ?? null,
    forbidden,
  };
}

async function fetchOne(
  url: string,
  ref: PackRef,
  entry: VersionEntry & { state: 'present' },
  dest: string,
  deps: FetchDeps,
) {
  const fetched = await fetchPack(url, ref, {
    secret: deps.secret,
    dest,
    maxBytes: deps.library.limits.maxTotalBytes * 1.1 + 1024 * 1024,
    idleMs: deps.idleMs,
    signal: deps.signal,
  });
  if (fetched.fingerprint !== entry.fingerprint) {
    throw new FetchError(`it holds different content under ${refText(ref)}`);
  }
  const result = await deps.library.importPath(dest, deps.actor);
  if (deps.fingerprint(ref) !== entry.fingerprint) {
    // Arrived whole but not the hall's bytes (damaged on the way or on that node's disk).
    if (result.added) {
      await deletePackVersion(deps.db, deps.store, result.packVersionId, deps.actor);
      deps.library.notifyChanged();
    }
    throw new FetchError("what arrived differs from the hall's version of it; not kept");
  }
  deps.log.info(
    { pack: refText(ref), node: url, bytes: fetched.bytes },
    'pack version fetched from another node',
  );
}
