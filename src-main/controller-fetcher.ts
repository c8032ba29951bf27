import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Fetcher } from './file-cache';

/** What main needs to download pack files as one approved screen. */
export interface ScreenCredentials {
  controllerUrl: string;
  screenId: string;
  key: string;
}

/** The slice of `fetch` (Electron's `net.fetch` in the app) a controller fetcher uses. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<Response>;

/**
 * A Fetcher that downloads `${controller}/files/<sha256>` with the header
 * `Authorization: Screen <screenId>.<key>`, using whatever credentials `credentials()` returns
 * at the time (none yet → the download fails, and the next prefetch list retries it).
 *
 * When that controller cannot be reached at all, the other configured controllers are asked in
 * turn with the same key: the nodes of a cluster share their screens and files, and a node that
 * just died should not hold up a download while the screens are still failing over. A controller
 * that answers with an error is believed; only silence moves on.
 */
export function createControllerFetcher(
  fetch: FetchLike,
  credentials: () => ScreenCredentials | undefined,
  controllers: () => readonly string[] = () => [],
): Fetcher {
  return async (sha256) => {
    const current = credentials();
    if (!current) throw new Error('no approved screen has shared its credentials yet');
    const first = current.controllerUrl.replace(/\/+$/, '');
    const bases = [first, ...controllers().filter((url) => url !== first)];
    const unreachable: string[] = [];
    for (const base of bases) {
      const url = `${base}/files/${sha256}`;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { Authorization: `Screen ${current.screenId}.${current.key}` },
        });
      } catch (error) {
        unreachable.push(`GET ${url}: ${(error as Error).message}`);
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new Error(`GET ${url}: HTTP ${response.status}`);
      }
      // The DOM's and Node's web-stream types differ only on paper.
      return Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
    }
    throw new Error(`no controller could be reached: ${unreachable.join('; ')}`);
  };
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The credentials each screen window shared, newest first in line. All screens of a PC share
 * one file cache, so any approved screen's key may fetch files for all of them.
 */
export class CredentialBook {
  private readonly allowed: Set<string>;
  private readonly byOwner = new Map<number | string, ScreenCredentials>();

  constructor(controllerUrls: readonly string[]) {
    this.allowed = new Set(controllerUrls.flatMap((url) => originOf(url) ?? []));
  }

  /**
   * Records `owner`'s credentials. A controller URL that is not configured is refused: a page
   * must not be able to make main send a screen key (or download) anywhere it likes.
   */
  set(owner: number | string, credentials: ScreenCredentials): void {
    const origin = originOf(credentials.controllerUrl);
    if (origin === undefined || !this.allowed.has(origin)) {
      throw new Error(
        `controllerUrl: "${credentials.controllerUrl}" is not a configured controller`,
      );
    }
    // Re-inserting moves the owner to the end of the Map's order: the newest.
    this.byOwner.delete(owner);
    this.byOwner.set(owner, { ...credentials, controllerUrl: origin });
  }

  /** Drops the credentials of a closed window. */
  forget(owner: number | string): void {
    this.byOwner.delete(owner);
  }

  /** Every configured controller origin, in the configured order. */
  controllers(): string[] {
    return [...this.allowed];
  }

  /** The most recently shared credentials, if any. */
  current(): ScreenCredentials | undefined {
    return [...this.byOwner.values()].at(-1);
  }
}
