import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/open';
import { findPackVersion, listPackVersions } from '../db/packs-table';
import { getTheme, listThemes } from '../db/themes-table';
import type { Logger } from '../logger';
import type { FileStore } from '../packs/file-store';
import { deletePackVersion, LibraryError, publishTheme, recordRollback } from '../packs/library';
import type { LibraryReplica, PackLibrary, PackRef } from '../packs/pack-library';
import type { ClusterNode } from './cluster-node';
import {
  fingerprintOf,
  libraryAnnouncementSchema,
  refText,
  versionField,
  type VersionEntry,
} from './library-entries';
import { fetchFromHall } from './fetch-from-hall';
import { HallSecret } from './hall-secret';
import { servePackRoute } from './pack-transfer';
import { LibraryProblems } from './library-problems';
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
  private readonly problems = new LibraryProblems();
  /** Versions being fetched and imported from another node: their import is not news. */
  private readonly importing = new Set<string>();
  /** Fingerprints of versions held here, by row (a row's content never changes; its id may be
   * reused after a deletion, so the import time is part of the key). */
  private readonly fingerprints = new Map<string, string>();
  private lock: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | null = null;
  private again = false;
  private seenSeq = -1;
  private readonly secret: HallSecret;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly abort = new AbortController();
  private lastSyncAt = 0;

  constructor(private readonly options: LibrarySyncOptions) {
    this.redis = new RedisLibrary(options.cluster.redisClient, options.hallId);
    this.secret = new HallSecret(this.redis);
  }

  /** Becomes the library's replica and starts catching up (in the background: files are big). */
  start(): void {
    const { cluster, library } = this.options;
    library.replica = this;
    cluster.receive('library', libraryAnnouncementSchema, () => {
      // Something changed in the hall (or a node arrived that may hold what could not be
      // fetched): downloads that failed are worth trying again now, not after their back-off.
      this.problems.retryFetchesNow();
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
          this.problems.record(pack, 'conflict', conflictReason(pack), null);
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
      this.problems.clear(versionField(pack));
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
    const due = this.problems.due(now);
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
    await this.secret.refresh();
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
        else this.problems.clear(field);
      } else if (held === null) {
        if (!this.importing.has(field) && this.problems.mayTry(field, now))
          missing.push({ ref, entry });
      } else if (held !== entry.fingerprint) {
        if (this.problems.get(field)?.kind !== 'conflict')
          this.log.error({ pack: refText(ref) }, 'pack version conflicts with the hall library');
        this.problems.record(ref, 'conflict', conflictReason(ref), null, false);
      } else {
        this.problems.clear(field);
      }
    }
    // What the hall no longer lists (Redis restarted empty) is nothing to wait for.
    this.problems.keepOnly(snapshot.versions);
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
      this.problems.clear(versionField(ref));
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
      this.problems.record(ref, 'delete', reason, null, false);
      return false;
    }
  }

  /** Fetches `ref` from a node of the hall and imports it; true if it did. */
  private async fetchOne(
    ref: PackRef,
    entry: VersionEntry & { state: 'present' },
  ): Promise<boolean> {
    const field = versionField(ref);
    this.importing.add(field);
    try {
      const outcome = await fetchFromHall(ref, entry, {
        selfId: this.options.cluster.nodeId,
        liveNodes: () => this.redis.liveNodes(),
        secret: await this.secret.current(),
        downloadsDir: this.options.downloadsDir,
        idleMs: this.options.idleMs ?? 30_000,
        signal: this.abort.signal,
        library: this.options.library,
        store: this.options.store,
        db: this.db,
        fingerprint: (r) => this.fingerprint(r),
        actor: actorOf(entry),
        log: this.log,
      });
      if (this.closed) return false;
      if (outcome.ok) {
        this.problems.clear(field);
        return true;
      }
      if (outcome.forbidden) this.secret.forget();
      this.problems.record(ref, outcome.kind, outcome.reason, outcome.node);
      return false;
    } finally {
      this.importing.delete(field);
    }
  }

  // ----- serving packs to the hall's other nodes -----

  /** `/cluster/packs/…` for the hall's other nodes; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    return servePackRoute(req, res, {
      db: this.db,
      store: this.options.store,
      checkSecret: (given) => this.secret.matches(given),
    });
  }

  status() {
    return {
      revision: this.seenSeq,
      syncing: this.running !== null,
      problems: this.problems.list(),
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
