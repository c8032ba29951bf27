import type { Manifest } from '../../../src-shared/manifest';
import type { VisitorSettings } from '../../../src-shared/visitor';
import type { Db } from '../db/open';
import { getPackVersion, packVersionFiles, type StoredFile } from '../db/packs-table';
import { listThemes } from '../db/themes-table';

/** A pack that a theme key points at: what visitor pages may show. */
export interface PublishedPack {
  /** The lowest theme key showing it. */
  key: string;
  packId: string;
  packVersionId: number;
  version: string;
  manifest: Manifest;
}

/**
 * The packs theme keys point at now, one per pack id (the version on the lowest key), in key
 * order. Only these are ever shown: imported but unpublished versions never are.
 */
export function publishedPacks(db: Db): PublishedPack[] {
  const byPack = new Map<string, PublishedPack>();
  for (const theme of listThemes(db)) {
    const version = getPackVersion(db, theme.packVersionId);
    if (!version || byPack.has(version.packId)) continue;
    byPack.set(version.packId, {
      key: theme.key,
      packId: version.packId,
      packVersionId: version.id,
      version: version.version,
      manifest: version.manifest,
    });
  }
  return [...byPack.values()];
}

/** Whether the settings make this pack's page public. */
export const isVisible = (settings: VisitorSettings, packId: string) =>
  settings.enabled && (settings.onlyPacks === null || settings.onlyPacks.includes(packId));

/** The published packs whose pages are public under `settings`. */
export const visiblePacks = (db: Db, settings: VisitorSettings) =>
  publishedPacks(db).filter((pack) => isVisible(settings, pack.packId));

/** A public pack by its id, with its files by path; undefined if it is not public. */
export function findVisiblePack(
  db: Db,
  settings: VisitorSettings,
  packId: string,
): (PublishedPack & { files: Map<string, StoredFile> }) | undefined {
  const pack = visiblePacks(db, settings).find((p) => p.packId === packId);
  return pack && { ...pack, files: packVersionFiles(db, pack.packVersionId) };
}
