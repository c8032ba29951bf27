import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open';
import { getOrCreateSetting } from '../db/settings-table';

/**
 * Capability URLs for the pages of html slides: `/packs/<version>/<token>/<path>`. Sandboxed
 * frames have an opaque origin and send no cookies, so the token in the path is what proves the
 * URL was handed out by the controller (only approved screens receive it).
 */
export class PageUrls {
  private readonly secret: Buffer;

  constructor(db: Db) {
    this.secret = Buffer.from(
      getOrCreateSetting(db, 'page_url_secret', () => randomBytes(32).toString('hex')),
      'hex',
    );
  }

  token(versionId: number): string {
    return createHmac('sha256', this.secret)
      .update(`pack-pages:${versionId}`)
      .digest('base64url')
      .slice(0, 32);
  }

  pathFor(versionId: number, path: string): string {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return `/packs/${versionId}/${this.token(versionId)}/${encoded}`;
  }

  verify(versionId: number, token: string): boolean {
    const expected = Buffer.from(this.token(versionId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
