import { join } from 'node:path';
import type { Localized } from '../../../src-shared/localized';
import { bothLanguages } from '../../../src-shared/manifest';
import type { VisitorOverview, VisitorSettings } from '../../../src-shared/visitor';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import type { FileStore } from '../packs/file-store';
import { ImageVariants } from './image-variants';
import { lanAddress, resolvePublicUrl } from './public-url';
import { isVisible, publishedPacks } from './published';
import { DEFAULT_VISITOR_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limit';
import { createVisitorHandler, visitorPageUrl } from './visitor-routes';
import { readVisitorSettings, writeVisitorSettings } from './visitor-settings';

export interface VisitorServiceOptions {
  db: Db;
  store: FileStore;
  log: Logger;
  hallName: Localized;
  dataDir: string;
  webRoot: string;
  /** From --public-url; the console setting overrides it. */
  publicUrlFlag?: string | undefined;
  rateLimit?: RateLimit | undefined;
  /** The port the controller listens on, once known (for the detected address). */
  port: () => number;
}

/** The visitor pages: their HTTP handler, their settings and the console's view of them. */
export function createVisitorService(options: VisitorServiceOptions) {
  const { db } = options;
  const publicUrl = () =>
    resolvePublicUrl(readVisitorSettings(db).publicUrl, options.publicUrlFlag, () => {
      return `http://${lanAddress() ?? '127.0.0.1'}:${options.port()}`;
    });
  const handler = createVisitorHandler({
    db,
    store: options.store,
    log: options.log,
    hallName: options.hallName,
    variants: new ImageVariants(options.store, join(options.dataDir, 'visitor-cache')),
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_VISITOR_RATE_LIMIT),
    clientRoot: join(options.webRoot, 'visitor'),
    publicUrl: () => publicUrl().url,
  });
  return {
    handler,
    /** The public page of a pack for QR codes on screens; null while it is not public. */
    pageUrlFor(packId: string): string | null {
      return isVisible(readVisitorSettings(db), packId)
        ? visitorPageUrl(publicUrl().url, packId)
        : null;
    },
    overview(): VisitorOverview {
      const settings = readVisitorSettings(db);
      const { url, source } = publicUrl();
      return {
        settings,
        publicUrl: url,
        publicUrlSource: source,
        themes: publishedPacks(db).map((pack) => ({
          key: pack.key,
          packId: pack.packId,
          title: bothLanguages(pack.manifest.title),
          visible: isVisible(settings, pack.packId),
          pageUrl: visitorPageUrl(url, pack.packId),
          qrSvg: `/hall/${pack.packId}/qr.svg`,
          qrPng: `/hall/${pack.packId}/qr.png`,
        })),
      };
    },
    saveSettings(settings: VisitorSettings) {
      writeVisitorSettings(db, settings);
    },
  };
}

export type VisitorService = ReturnType<typeof createVisitorService>;
