import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PrefetchFile } from '../../src-shared/protocol';

const VERIFIED_KEY = 'hallcue.verified';

/**
 * Fetches every file the controller lists, checks each one's sha256 against its name, and keeps
 * the set of verified files, so the controller can tell which themes this screen is armed for.
 * Hashing is done in JS (streaming) because Web Crypto is missing on plain-http pages, which is
 * how most hall screens reach their controller.
 */
export class FilePrefetcher {
  private verified: Set<string>;
  private wanted: PrefetchFile[] = [];
  private running = false;

  constructor(
    /** The controller to fetch from, asked per file: it changes when the screen fails over. */
    private readonly baseUrl: () => string,
    private readonly storage: Storage,
    /** Called with the full verified set whenever it changes (and once per list). */
    private readonly report: (files: string[]) => void,
  ) {
    let stored: unknown;
    try {
      stored = JSON.parse(storage.getItem(VERIFIED_KEY) ?? '[]');
    } catch {
      stored = [];
    }
    this.verified = new Set(
      Array.isArray(stored) ? stored.filter((s) => typeof s === 'string') : [],
    );
  }

  /** Replaces the wish list and works through it in the background. */
  want(files: PrefetchFile[]): void {
    this.wanted = files;
    // Forget files no theme needs any more, so the set stays a true picture of what is useful.
    const keep = new Set(files.map((f) => f.sha256));
    this.verified = new Set([...this.verified].filter((sha) => keep.has(sha)));
    this.save();
    this.report([...this.verified]);
    void this.run();
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (let i = 0; i < this.wanted.length; i++) {
        const file = this.wanted[i];
        if (!file || this.verified.has(file.sha256)) continue;
        if (await this.fetchAndVerify(file.sha256)) {
          this.verified.add(file.sha256);
          this.save();
          this.report([...this.verified]);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async fetchAndVerify(expected: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl()}/files/${expected}`, {
        credentials: 'include',
      });
      if (!response.ok || !response.body) return false;
      const hash = sha256.create();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hash.update(value);
      }
      return bytesToHex(hash.digest()) === expected;
    } catch {
      return false; // Offline or interrupted: the next list or reconnect tries again.
    }
  }

  private save() {
    this.storage.setItem(VERIFIED_KEY, JSON.stringify([...this.verified]));
  }
}
