import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { findPackVersion, listPackVersions } from '../db/packs-table';
import { getTheme, listThemes } from '../db/themes-table';
import type { Logger } from '../logger';
import type { FileStore } from '../packs/file-store';
import { deletePackVersion, LibraryError, publishTheme, recordRollback } from '../packs/library';
import { formatProblem, PackError } from '../packs/pack-error';
import type { LibraryReplica, PackLibrary, PackRef } from '../packs/pack-library';
import type { ClusterNode } from './cluster-node';
import {
  fingerprintOf,
  libraryAnnouncementSchema,
  refText,
  versionField,
  type VersionEntry,
} from './library-entries';
import { fetchPack, FetchError, secretMatches, servePackRoute } from './pack-transfer';
import { RedisLibrary, type LibrarySnapshot } from './redis-library';

export interface LibrarySyncOptions {
  cluster: ClusterNode;
  hallId: string;
  /** This node's address, recorded with what it brings into the hall (for people reading). */
  nodeUrl: () => string;
  db: Db;
  store: FileStore;
  library: PackLibrary;
  /** Where downloads wait for their import (cleared at every start). */
  downloadsDir: string;
  log: Logger;
  /** How often to look for changes missed and retries due (ms). */
  tickMs?: number;
  /** A download that receives nothing for this long is given up (ms). */
  idleMs?: number;
}

/** Something this node could not make match the hall's library yet; retried until it does. */
export interface LibraryProblem {
  packId: string;
  version: string;
  /** fetch: no node could send it; refused: what arrived failed validation here; conflict:
   * this node holds different content under the same version; delete: in use here. */
  kind: 'fetch' | 'refused' | 'conflict' | 'delete';
  reason: string;
  /** The node (address) the last attempt concerned, if any. */
  node: string | null;
  attempts: number;
  at: number;
  /** When it is tried again (Infinity, null in JSON: when the hall's library changes). */
  retryAt: number;
}

const MAX_BACKOFF_MS = 60_000;
const DELETE_RETRY_MS = 5_000;
/** What a node's own checks refused arrives the same way again: try again only now and then. */
const REFUSED_RETRY_MS = 10 * 60_000;
const backoff = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * Keeps this node's pack library the same as the hall's (docs/scaling.md, "Pack library on every
 * node"). The hall's library is a small snapshot in Redis (versions by name with a fingerprint
 * of their content, deletions, theme keys) plus a revision; the files stay in each node's store
 * and move node to node over HTTP as pack zips, imported here through the normal import. Every
 * node applies what it lacks at start, on every announcement and whenever the revision moved,
 * so a node that was away catches up. Changes applied from the hall are never announced again.
 */
export class LibrarySync implements LibraryReplica {
  private readonly redis: RedisLibrary;
  private readonly problems = new Map<string, LibraryProblem>();
  /** Versions being fetched and imported from another node: their import is not news. */
  private readonly importing = new Set<string>();
  /** Fingerprints of versions held here, by row (a row's content never changes; its id may be
   * reused after a deletion, so the import time is part of the key). */
  private readonly fingerprints = new Map<string, string>();
  private lock: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | null = null;
  private again = false;
  private seenSeq = -1;
  private secretCache: string | null = null;
  private secretCheckedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly abort = new AbortController();
  private lastSyncAt = 0;

  constructor(private readonly options: LibrarySyncOptions) {
    this.redis = new RedisLibrary(options.cluster.redisClient, options.hallId);
  }

  /** Becomes the library's replica and starts catching up (in the background: files are big). */
  start(): void {
    const { cluster, library } = this.options;
    library.replica = this;
    cluster.receive('library', libraryAnnouncementSchema, () => {
      // Something changed in the hall (or a node arrived that may hold what could not be
      // fetched): downloads that failed are worth trying again now, not after their back-off.
      for (const problem of this.problems.values())
        if (problem.kind === 'fetch') problem.retryAt = 0;
      this.kick();
    });
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 1000);
    this.kick();
    // Tells the hall this node is here: one that waits for a version this node holds asks now.
    this.announce(0);
  }

  private get log() {
    return this.options.log;
  }

  private get db() {
    return this.options.db;
  }

  /** Runs `work` alone: curators' changes and changes from the hall never interleave. */
  private exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const task = this.lock.then(work);
    this.lock = task.catch(() => undefined);
    return task;
  }

  private announce(seq: number) {
    this.options.cluster.send('library', { seq, from: this.options.cluster.nodeId });
  }

  /** Redis refused or is away: the curator's change is not made anywhere. */
  private async agree<T>(what: () => Promise<T>): Promise<T> {
    try {
      return await what();
    } catch (error) {
      throw new LibraryError(
        `the hall's other nodes cannot be reached through Redis (${(error as Error).message}); nothing was changed`,
      );
    }
  }

  private fingerprint(ref: PackRef): string | null {
    const row = findPackVersion(this.db, ref.packId, ref.version);
    if (!row) return null;
    const key = `${row.id}:${row.importedAt}`;
    let fingerprint = this.fingerprints.get(key);
    if (fingerprint === undefined) {
      fingerprint = fingerprintOf(this.db, ref) ?? '';
      this.fingerprints.set(key, fingerprint);
    }
    return fingerprint;
  }

  // ----- the curator's changes on this node -----

  imported(pack: PackRef, actor: string): void {
    if (this.importing.has(versionField(pack)) || this.closed) return;
    const fingerprint = this.fingerprint(pack);
    if (fingerprint === null) return;
    void this.redis
      .register(pack, this.origin(fingerprint, actor), 'import')
      .then(async (answer) => {
        if (answer === 'added') this.announce(await this.redis.seq());
        if (answer === 'conflict') {
          this.problem(pack, 'conflict', conflictReason(pack), null);
          this.log.error({ pack: refText(pack) }, 'pack version conflicts with the hall library');
        }
      })
      // Not lost: the next sync finds this version missing from the hall and adds it.
      .catch((error: unknown) =>
        this.log.warn({ err: error, pack: refText(pack) }, 'import not announced yet (Redis)'),
      );
  }

  publish<T>(
    key: string,
    pack: PackRef,
    kind: 'publish' | 'rollback',
    actor: string,
    apply: () => T,
  ): Promise<T> {
    return this.exclusive(async () => {
      const fingerprint = this.fingerprint(pack);
      if (fingerprint === null) throw new LibraryError(`${refText(pack)} is not in the library`);
      const answer = await this.agree(() =>
        this.redis.publish(
          key,
          pack,
          { kind, by: actor, at: Date.now(), from: this.options.nodeUrl() },
          this.origin(fingerprint, actor),
        ),
      );
      if (answer === 'deleted')
        throw new LibraryError(`${refText(pack)} was deleted on another node of the hall`);
      if (answer === 'conflict') throw new LibraryError(conflictReason(pack));
      const result = apply();
      this.announce(await this.redis.seq().catch(() => 0));
      return result;
    });
  }

  remove<T>(pack: PackRef, actor: string, apply: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const used = await this.agree(() =>
        this.redis.remove(pack, actor, Date.now(), this.options.nodeUrl()),
      );
      if (used) {
        throw new LibraryError(
          `${refText(pack)} is used by theme ${used.usedBy} on another node of the hall; publish another version there first`,
        );
      }
      const result = await apply();
      this.problems.delete(versionField(pack));
      this.announce(await this.redis.seq().catch(() => 0));
      return result;
    });
  }

  private origin(fingerprint: string, by: string) {
    return {
      fingerprint,
      origin: this.options.cluster.nodeId,
      from: this.options.nodeUrl(),
      by,
      at: Date.now(),
    };
  }

  // ----- catching up with the hall -----

  /** Syncs now, or once more right after the sync under way. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.sync();
        } catch (error) {
          if (!this.closed) this.log.warn({ err: error }, 'library sync failed; retrying');
        }
      } while (this.again && !this.closed);
    })().finally(() => (this.running = null));
  }

  /** Once a tick: a cheap look at the revision; a full sync when it moved or a retry is due. */
  private async tick() {
    if (this.closed || this.running) return;
    const now = Date.now();
    const due = [...this.problems.values()].some((p) => p.retryAt <= now);
    try {
      if (due || (await this.redis.seq()) !== this.seenSeq || now - this.lastSyncAt > 60_000)
        this.kick();
    } catch {
      // Redis away: the cluster node already says so; try again next tick.
    }
  }

  private async sync() {
    this.lastSyncAt = Date.now();
    // Made by the first node of the hall, so any node can serve packs from the start; read
    // again at every sync, in case Redis restarted and another node put back another one.
    this.secretCache = await this.redis.secret(this.secretCache);
    const missing = await this.exclusive(() => this.applySnapshot());
    for (const { ref, entry } of missing) {
      if (this.closed) return;
      // Each arrival is put to use at once (themes on it), not after every other download.
      if (await this.fetchOne(ref, entry)) await this.exclusive(() => this.applySnapshot());
    }
  }

  /**
   * Reads the hall's library and makes this node's match it in everything it holds the files
   * for: themes, rollbacks, deletions; adds to the hall what only this node holds (its first
   * start in the hall, imports while Redis was away). Answers the versions still to fetch.
   */
  private async applySnapshot(): Promise<
    { ref: PackRef; entry: VersionEntry & { state: 'present' } }[]
  > {
    const snapshot = await this.redis.read();
    for (const reason of snapshot.malformed)
      this.log.warn({ reason }, 'hall library entry ignored');
    let changed = false;
    let added = false;
    const now = Date.now();

    for (const row of listPackVersions(this.db)) {
      const ref = { packId: row.packId, version: row.version };
      const field = versionField(ref);
      if (snapshot.versions.has(field)) continue;
      const fingerprint = this.fingerprint(ref) ?? '';
      const answer = await this.redis.register(
        ref,
        this.origin(fingerprint, 'existing library'),
        'union',
      );
      if (answer === 'added') added = true;
    }

    changed = this.applyThemes(snapshot.themes) || changed;
    added = (await this.offerThemes(snapshot)) || added;

    const missing: { ref: PackRef; entry: VersionEntry & { state: 'present' } }[] = [];
    for (const [field, { ref, entry }] of snapshot.versions) {
      const held = this.fingerprint(ref);
      if (entry.state === 'deleted') {
        if (held !== null) changed = (await this.deleteHere(ref, entry)) || changed;
        else this.problems.delete(field);
      } else if (held === null) {
        const problem = this.problems.get(field);
        if (!this.importing.has(field) && (!problem || problem.retryAt <= now))
          missing.push({ ref, entry });
      } else if (held !== entry.fingerprint) {
        if (!this.problems.has(field))
          this.log.error({ pack: refText(ref) }, 'pack version conflicts with the hall library');
        this.problem(ref, 'conflict', conflictReason(ref), null, false);
      } else {
        this.problems.delete(field);
      }
    }
    // What the hall no longer lists (Redis restarted empty) is nothing to wait for.
    for (const field of this.problems.keys())
      if (!snapshot.versions.has(field)) this.problems.delete(field);
    this.seenSeq = snapshot.seq;
    if (changed) this.options.library.notifyChanged();
    if (added) {
      const seq = await this.redis.seq();
      this.seenSeq = seq;
      this.announce(seq);
    }
    return missing;
  }

  /** Points each theme key at the hall's version when this node holds it. */
  private applyThemes(themes: LibrarySnapshot['themes']): boolean {
    let changed = false;
    for (const [key, entry] of themes) {
      const target = findPackVersion(this.db, entry.packId, entry.version);
      if (!target || getTheme(this.db, key)?.packVersionId === target.id) continue;
      const actor = actorOf(entry);
      if (entry.kind === 'rollback') recordRollback(this.db, key, target.id, actor, entry.at);
      else publishTheme(this.db, key, target.id, actor, entry.at);
      this.log.info({ key, pack: refText(entry), by: entry.by }, 'theme changed by the hall');
      changed = true;
    }
    return changed;
  }

  /** Keys this node has a theme on and the hall has none (a node's first start in the hall). */
  private async offerThemes(snapshot: LibrarySnapshot): Promise<boolean> {
    let added = false;
    for (const theme of listThemes(this.db)) {
      if (snapshot.themes.has(theme.key)) continue;
      const row = listPackVersions(this.db).find((v) => v.id === theme.packVersionId);
      if (!row) continue;
      const ref = { packId: row.packId, version: row.version };
      const answer = await this.redis.publish(
        theme.key,
        ref,
        {
          kind: 'publish',
          by: 'existing library',
          at: theme.updatedAt,
          from: this.options.nodeUrl(),
        },
        this.origin(this.fingerprint(ref) ?? '', 'existing library'),
        'union',
      );
      if (answer === 'ok') added = true;
    }
    return added;
  }

  private async deleteHere(ref: PackRef, entry: VersionEntry): Promise<boolean> {
    const row = findPackVersion(this.db, ref.packId, ref.version);
    if (!row) return false;
    try {
      await deletePackVersion(this.db, this.options.store, row.id, actorOf(entry), entry.at);
      this.problems.delete(versionField(ref));
      this.log.info({ pack: refText(ref), by: entry.by }, 'pack version deleted by the hall');
      return true;
    } catch (error) {
      // In use here (on screen, or a theme this node has not moved yet): kept until it is not.
      const reason = (error as Error).message;
      const known = this.problems.get(versionField(ref));
      if (known?.reason !== reason)
        this.log.warn(
          { pack: refText(ref), reason },
          'pack version deleted in the hall kept here for now',
        );
      this.problem(ref, 'delete', reason, null, false);
      return false;
    }
  }

  /** Fetches `ref` from a node that holds it (its origin first) and imports it; true if it did. */
  private async fetchOne(
    ref: PackRef,
    entry: VersionEntry & { state: 'present' },
  ): Promise<boolean> {
    const field = versionField(ref);
    const self = this.options.cluster.nodeId;
    const live = await this.redis.liveNodes();
    const order = [...live.entries()]
      .filter(([id]) => id !== self)
      .sort(([a], [b]) => (a === entry.origin ? -1 : b === entry.origin ? 1 : 0));
    if (order.length === 0) {
      this.problem(ref, 'fetch', 'no other live node of the hall to fetch it from', null);
      return false;
    }
    const secret = await this.secret();
    await mkdir(this.options.downloadsDir, { recursive: true });
    const failures: { url: string; reason: string; refused: boolean; missing: boolean }[] = [];
    for (const [, url] of order) {
      if (this.closed) return false;
      const dest = join(this.options.downloadsDir, `cluster-${randomUUID()}.hcpack`);
      this.importing.add(field);
      try {
        const fetched = await fetchPack(url, ref, {
          secret,
          dest,
          maxBytes: this.options.library.limits.maxTotalBytes * 1.1 + 1024 * 1024,
          idleMs: this.options.idleMs ?? 30_000,
          signal: this.abort.signal,
        });
        if (fetched.fingerprint !== entry.fingerprint) {
          throw new FetchError(`it holds different content under ${refText(ref)}`);
        }
        const result = await this.options.library.importPath(dest, actorOf(entry));
        const held = this.fingerprint(ref);
        if (held !== entry.fingerprint) {
          // Arrived whole but not the hall's bytes (damaged on the way or on that node's disk).
          if (result.added) {
            await deletePackVersion(this.db, this.options.store, result.packVersionId, 'hall');
            this.options.library.notifyChanged();
          }
          throw new FetchError("what arrived differs from the hall's version of it; not kept");
        }
        this.problems.delete(field);
        this.log.info(
          { pack: refText(ref), node: url, bytes: fetched.bytes },
          'pack version fetched from another node',
        );
        return true;
      } catch (error) {
        if (this.closed) return false;
        const refused = error instanceof PackError;
        const reason = refused
          ? `refused by validation here: ${error.problems.map(formatProblem).join('; ')}`
          : (error as Error).message;
        if (error instanceof FetchError && error.status === 403) this.secretCache = null;
        const missing = error instanceof FetchError && error.status === 404;
        failures.push({ url, reason, refused, missing });
        this.log.warn({ pack: refText(ref), node: url, reason }, 'could not fetch pack version');
      } finally {
        this.importing.delete(field);
        await rm(dest, { force: true });
      }
    }
    // One problem for the whole round: nodes that simply do not hold it are left out when
    // another node's answer says more.
    const telling = failures.some((f) => !f.missing)
      ? failures.filter((f) => !f.missing)
      : failures;
    const first = telling[0];
    if (first) {
      const reason =
        telling.length === 1
          ? first.reason
          : telling.map((f) => `${f.url}: ${f.reason}`).join('; ');
      this.problem(ref, telling.some((f) => f.refused) ? 'refused' : 'fetch', reason, first.url);
    }
    return false;
  }

  private problem(
    ref: PackRef,
    kind: LibraryProblem['kind'],
    reason: string,
    node: string | null,
    attempt = true,
  ) {
    const field = versionField(ref);
    const known = this.problems.get(field);
    const attempts = (known?.attempts ?? 0) + (attempt ? 1 : 0);
    const now = Date.now();
    // A conflict waits for the hall to change (someone deletes one of the two); a version kept
    // because it is in use here is looked at again every few seconds; a refusal by this node's
    // checks every ten minutes (the same bytes would be refused again); fetches back off.
    const retryAt =
      kind === 'conflict'
        ? Infinity
        : kind === 'delete'
          ? now + DELETE_RETRY_MS
          : kind === 'refused'
            ? now + REFUSED_RETRY_MS
            : now + backoff(attempts);
    this.problems.set(field, { ...ref, kind, reason, node, attempts, at: now, retryAt });
  }

  // ----- serving packs to the hall's other nodes -----

  private async secret(): Promise<string> {
    this.secretCache ??= await this.redis.secret();
    return this.secretCache;
  }

  /** `/cluster/packs/…` for the hall's other nodes; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    return servePackRoute(req, res, {
      db: this.db,
      store: this.options.store,
      checkSecret: async (given) => {
        const known = this.secretCache ?? (await this.secret());
        if (secretMatches(given, known)) return true;
        // Redis may have restarted with a new secret: look again, at most once a second.
        if (Date.now() - this.secretCheckedAt < 1000) return false;
        this.secretCheckedAt = Date.now();
        this.secretCache = await this.redis.secret(known).catch(() => known);
        return secretMatches(given, this.secretCache);
      },
    });
  }

  status() {
    return {
      revision: this.seenSeq,
      syncing: this.running !== null,
      problems: [...this.problems.values()].sort((a, b) => a.at - b.at),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.abort.abort();
    if (this.options.library.replica === this) this.options.library.replica = null;
    await this.running?.catch(() => undefined);
    await this.lock.catch(() => undefined);
  }
}

/** Who made a change another node applies here, as its audit log says: "admin (on URL)". */
const actorOf = (entry: { by: string; from?: string | undefined }) =>
  `${entry.by} (on ${entry.from ?? 'another node'})`;

const conflictReason = (ref: PackRef) =>
  `another node of the hall holds ${refText(ref)} with different content; import this one under a new version`;
