import { bothLanguages } from '../../../src-shared/manifest';
import type { PackSummary } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { readHallState } from '../db/hall-state-table';
import { listPackVersions } from '../db/packs-table';
import { listThemes } from '../db/themes-table';
import type { FileStore } from './file-store';
import { importPack, type ImportedPack, type ImportProgress } from './import-pack';
import { deletePackVersion, publishTheme, rollbackTheme } from './library';
import { openPackSource } from './open-pack-source';
import { PackError } from './pack-error';
import type { PackLimits } from './pack-limits';

export type ImportOutcome = 'added' | 'existing' | 'refused' | 'failed';

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
        if (result.added) this.changed();
        return result;
      } finally {
        await source.close();
      }
    } catch (error) {
      finished(error instanceof PackError ? 'refused' : 'failed');
      throw error;
    }
  }

  publish(key: string, packVersionId: number, actor: string) {
    const version = publishTheme(this.db, key, packVersionId, actor);
    this.changed();
    return version;
  }

  rollback(key: string, actor: string) {
    const version = rollbackTheme(this.db, key, actor);
    this.changed();
    return version;
  }

  async remove(packVersionId: number, actor: string): Promise<number> {
    const freed = await deletePackVersion(this.db, this.store, packVersionId, actor);
    this.changed();
    return freed;
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
