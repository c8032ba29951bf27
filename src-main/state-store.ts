import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { savedStateSchema, type SavedState } from './ipc-contract';

/** Name of the saved-state file inside Electron's userData directory. */
export const STATE_FILE = 'hallcue-state.json';

const fileSchema = z.object({
  version: z.literal(1),
  // Entries stay unknown here so one bad entry cannot hide the other screens' states.
  screens: z.record(z.string(), z.unknown()),
});

type Stored = SavedState & { savedAt: number };

/**
 * The last state each screen of this PC showed, with its clock offset, in one JSON file written
 * atomically. Keyed by screen name because displays of different roles show different things.
 */
export class StateStore {
  private screens: Promise<Map<string, Stored>> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the file once; a missing or corrupt file (or entry) counts as nothing saved. */
  private read(): Promise<Map<string, Stored>> {
    this.screens ??= (async () => {
      const screens = new Map<string, Stored>();
      try {
        const file = fileSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
        for (const [name, entry] of Object.entries(file.screens)) {
          const parsed = savedStateSchema.extend({ savedAt: z.number() }).safeParse(entry);
          if (parsed.success) screens.set(name, parsed.data);
        }
      } catch {
        // ENOENT on first start; garbage after a disk fault: either way, start empty.
      }
      return screens;
    })();
    return this.screens;
  }

  /** The state last saved for `screen`, or null. Never throws. */
  async load(screen: string): Promise<SavedState | null> {
    const saved = (await this.read()).get(screen);
    return saved ? { hallId: saved.hallId, state: saved.state, offsetMs: saved.offsetMs } : null;
  }

  /** Saves (or with null, forgets) the state of `screen`. Writes happen in call order. */
  save(screen: string, saved: SavedState | null): Promise<void> {
    const write = this.writing
      .catch(() => undefined)
      .then(async () => {
        const screens = await this.read();
        if (saved) screens.set(screen, { ...saved, savedAt: this.now() });
        else screens.delete(screen);
        const file = { version: 1, screens: Object.fromEntries(screens) };
        await writeFileAtomic(this.file, `${JSON.stringify(file)}\n`);
      });
    this.writing = write;
    return write;
  }
}
