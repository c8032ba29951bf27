import { bothLanguages } from '../../../src-shared/manifest';
import type { PackSummary } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { readHallState } from '../db/hall-state-table';
import { getPackVersion, listPackVersions } from '../db/packs-table';
import { listThemes } from '../db/themes-table';
import type { FileStore } from './file-store';
import { importPack, type ImportedPack, type ImportProgress } from './import-pack';
import {
  checkDeletable,
  checkThemeKey,
  deletePackVersion,
  LibraryError,
  publishTheme,
  rollbackTarget,
  rollbackTheme,
} from './library';
import { openPackSource } from './open-pack-source';
import { PackError } from './pack-error';
import type { PackLimits } from './pack-limits';

export type ImportOutcome = 'added' | 'existing' | 'refused' | 'failed';

/** A pack version by name: the same on every node, unlike row ids. */
export interface PackRef {
  packId: string;
  version: string;
}

/**
 * The hall's other nodes (cluster mode, docs/scaling.md). A curator's theme change or deletion
 * is agreed with them first and only then made here (by `apply`), so a refusal (Redis away, the
 * version deleted elsewhere meanwhile) changes nothing; a new import is announced once it landed.
 */
export interface LibraryReplica {
  imported(pack: PackRef, actor: string): void;
  publish<T>(
    key: string,
    pack: PackRef,
    kind: 'publish' | 'rollback',
    actor: string,
    apply: () => T,
  ): Promise<T>;
  remove<T>(pack: PackRef, actor: string, apply: () => Promise<T>): Promise<T>;
}

/**
 * The pack library as the console and the CLI use it: import, publish, roll back, delete, list.
 * Tells `onChange` after every change so consoles can refresh.
 */
export class PackLibrary {
  private readonly listeners = new Set<() => void>();
  /** Told how long each import took and how it ended (metrics). */
  onImported: (ms: number, outcome: ImportOutcome) => void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly store: FileStore,
    readonly limits: PackLimits,
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Set in cluster mode; null when this controller's library is the whole library. */
  replica: LibraryReplica | null = null;

  /** Tells the listeners about a change made outside these methods (from another node). */
  notifyChanged(): void {
    this.changed();
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  async importPath(
    path: string,
    actor: string,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportedPack> {
    const started = performance.now();
    const finished = (outcome: ImportOutcome) =>
      this.onImported(performance.now() - started, outcome);
    try {
      const source = await openPackSource(path, this.limits);
      try {
        const result = await importPack(this.db, this.store, source, {
          limits: this.limits,
          actor,
          ...(onProgress ? { onProgress } : {}),
        });
        finished(result.added ? 'added' : 'existing');
        if (result.added) {
          this.changed();
          const pack = { packId: result.manifest.id, version: result.manifest.version };
          this.replica?.imported(pack, actor);
        }
        return result;
      } finally {
        await source.close();
      }
    } catch (error) {
      finished(error instanceof PackError ? 'refused' : 'failed');
      throw error;
    }
  }

  async publish(key: string, packVersionId: number, actor: string) {
    const apply = () => {
      const version = publishTheme(this.db, key, packVersionId, actor);
      this.changed();
      return version;
    };
    if (!this.replica) return apply();
    checkThemeKey(key);
    const target = getPackVersion(this.db, packVersionId);
    if (!target) throw new LibraryError(`no pack version with id ${packVersionId}`);
    return this.replica.publish(key, refOf(target), 'publish', actor, apply);
  }

  async rollback(key: string, actor: string) {
    const apply = () => {
      const version = rollbackTheme(this.db, key, actor);
      this.changed();
      return version;
    };
    if (!this.replica) return apply();
    return this.replica.publish(key, refOf(rollbackTarget(this.db, key)), 'rollback', actor, apply);
  }

  async remove(packVersionId: number, actor: string): Promise<number> {
    const apply = async () => {
      const freed = await deletePackVersion(this.db, this.store, packVersionId, actor);
      this.changed();
      return freed;
    };
    if (!this.replica) return apply();
    return this.replica.remove(refOf(checkDeletable(this.db, packVersionId)), actor, apply);
  }

  summaries(): PackSummary[] {
    const themes = listThemes(this.db);
    const onAir = readHallState(this.db).packVersionId;
    const sizes = new Map(
      (
        this.db
          .prepare(
            `SELECT p.pack_version_id AS id, sum(f.size) AS bytes, count(*) AS files
             FROM pack_version_files p JOIN files f ON f.sha256 = p.sha256
             GROUP BY p.pack_version_id`,
          )
          .all() as { id: number; bytes: number; files: number }[]
      ).map((r) => [r.id, r]),
    );
    return listPackVersions(this.db).map((v) => ({
      packVersionId: v.id,
      packId: v.packId,
      version: v.version,
      title: bothLanguages(v.manifest.title),
      importedAt: v.importedAt,
      slideCount: v.manifest.roles.main?.slides.length ?? 0,
      roles: Object.keys(v.manifest.roles),
      bytes: sizes.get(v.id)?.bytes ?? 0,
      files: sizes.get(v.id)?.files ?? 0,
      usedBy: themes.filter((t) => t.packVersionId === v.id).map((t) => t.key),
      onAir: onAir === v.id,
    }));
  }
}

const refOf = (version: PackRef): PackRef => ({ packId: version.packId, version: version.version });
