import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { StoredFile } from '../db/packs-table';
import type { FileStore } from '../packs/file-store';

/** Widths phones get: a 390-pixel-wide phone at 1x, 2x (and 3x phones take the larger). */
export const PHONE_WIDTHS = [480, 960] as const;
export type PhoneWidth = (typeof PHONE_WIDTHS)[number];

/** Raster formats re-encoded for phones. GIFs may be animated and SVGs scale: both stay. */
const RESIZABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

// Two cores are shared by the whole controller: resize one image at a time.
sharp.concurrency(1);
sharp.cache(false);

/**
 * Phone-sized WebP copies of pack images, made on first request and kept under
 * `DATA/visitor-cache` by the original's hash, so each is made once per hall.
 */
export class ImageVariants {
  private readonly sizes = new Map<string, Promise<{ width: number; height: number } | null>>();
  private readonly making = new Map<string, Promise<string | null>>();

  constructor(
    private readonly store: FileStore,
    private readonly cacheDir: string,
  ) {}

  /** The image's own size in pixels (SVGs at their declared size); null if unreadable. */
  size(file: StoredFile): Promise<{ width: number; height: number } | null> {
    let known = this.sizes.get(file.sha256);
    if (!known) {
      known = sharp(this.store.pathOf(file.sha256))
        .metadata()
        .then((m) => (m.width && m.height ? { width: m.width, height: m.height } : null))
        .catch(() => null);
      this.sizes.set(file.sha256, known);
    }
    return known;
  }

  /** Whether phones get smaller copies of this file. */
  resizable = (file: StoredFile) => RESIZABLE.has(file.mime);

  /**
   * The path of a copy at most `width` pixels wide, or null when the original is already as
   * small (or cannot be resized): then the original is the best answer.
   */
  async variant(file: StoredFile, width: PhoneWidth): Promise<string | null> {
    if (!this.resizable(file)) return null;
    const own = await this.size(file);
    if (!own || own.width <= width) return null;
    const path = join(this.cacheDir, `${file.sha256}-${width}.webp`);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) return path;
    const key = `${file.sha256}-${width}`;
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.make(file, width, path).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    return pending;
  }

  private async make(file: StoredFile, width: number, path: string): Promise<string | null> {
    await mkdir(this.cacheDir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    try {
      await sharp(this.store.pathOf(file.sha256))
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 76 })
        .toFile(temp);
      await rename(temp, path);
      return path;
    } catch {
      return null;
    }
  }
}
