import { randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { z } from 'zod';
import { describeIssues } from '../../../src-shared/protocol';
import type { PackRef } from '../packs/pack-library';
import {
  refOfField,
  themeEntrySchema,
  versionEntrySchema,
  versionField,
  type ThemeEntry,
  type VersionEntry,
} from './library-entries';
import { hallKeys } from './redis-keys';

// Each script runs in one step on the Redis server, so two curators on two nodes cannot both
// win a race: a theme never ends up on a version another node deleted at the same moment, and
// every change gets its own step of the library's revision (`seq`).

/** Adds a present version unless the hall has it already (`union` also leaves deletions alone). */
const REGISTER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local entry = cjson.decode(current)
  if entry.state == 'present' then
    if entry.fingerprint == ARGV[3] then return 'same' end
    return 'conflict'
  end
  if ARGV[4] == 'union' then return 'deleted' end
end
local entry = cjson.decode(ARGV[2])
entry.seq = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 'added'
`;

/** Points a theme key at a version the hall holds (adding the version if it has not heard of it). */
const PUBLISH = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local entry = cjson.decode(current)
  if entry.state ~= 'present' then return 'deleted' end
  if entry.fingerprint ~= ARGV[5] then return 'conflict' end
else
  local entry = cjson.decode(ARGV[4])
  entry.seq = redis.call('INCR', KEYS[3])
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
end
if ARGV[6] == 'union' and redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'taken' end
local theme = cjson.decode(ARGV[3])
theme.seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(theme))
return 'ok'
`;

/** Marks a version deleted, unless a theme of the hall still plays it. */
const REMOVE = `
local themes = redis.call('HGETALL', KEYS[2])
for i = 1, #themes, 2 do
  local theme = cjson.decode(themes[i + 1])
  if theme.packId == ARGV[3] and theme.version == ARGV[4] then return 'used:' .. themes[i] end
end
local entry = cjson.decode(ARGV[2])
entry.seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 'ok'
`;

export interface LibrarySnapshot {
  seq: number;
  versions: Map<string, { ref: PackRef; entry: VersionEntry }>;
  themes: Map<string, ThemeEntry>;
  /** Entries that failed their check, with the reason (logged, never applied). */
  malformed: string[];
}

export type RegisterAnswer = 'added' | 'same' | 'conflict' | 'deleted';
export type PublishAnswer = 'ok' | 'deleted' | 'conflict' | 'taken';

/** The hall's shared pack library in Redis: which versions exist, and which key plays which. */
export class RedisLibrary {
  private readonly keys;

  constructor(
    private readonly redis: RedisClientType,
    hallId: string,
  ) {
    this.keys = hallKeys(hallId);
  }

  async seq(): Promise<number> {
    return Number((await this.redis.get(this.keys.librarySeq)) ?? 0);
  }

  async read(): Promise<LibrarySnapshot> {
    const [seq, versions, themes] = await Promise.all([
      this.seq(),
      this.redis.hGetAll(this.keys.libraryVersions),
      this.redis.hGetAll(this.keys.libraryThemes),
    ]);
    const snapshot: LibrarySnapshot = {
      seq,
      versions: new Map(),
      themes: new Map(),
      malformed: [],
    };
    for (const [field, text] of Object.entries(versions)) {
      const ref = refOfField(field);
      const entry = parse(versionEntrySchema, text);
      if (!ref || typeof entry === 'string') {
        snapshot.malformed.push(
          `version ${field}: ${typeof entry === 'string' ? entry : 'bad name'}`,
        );
      } else snapshot.versions.set(field, { ref, entry });
    }
    for (const [key, text] of Object.entries(themes)) {
      const entry = parse(themeEntrySchema, text);
      if (typeof entry === 'string' || !/^[1-9]$/.test(key)) {
        snapshot.malformed.push(`theme ${key}: ${typeof entry === 'string' ? entry : 'bad key'}`);
      } else snapshot.themes.set(key, entry);
    }
    return snapshot;
  }

  /**
   * Tells the hall this node holds `ref`. `import` (a curator's import) brings back a version
   * deleted earlier; `union` (what a node finds it holds at start) does not.
   */
  async register(
    ref: PackRef,
    entry: { fingerprint: string; origin: string; from: string; by: string; at: number },
    mode: 'import' | 'union',
  ): Promise<RegisterAnswer> {
    const value = JSON.stringify({ state: 'present', ...entry, seq: 0 });
    return (await this.redis.eval(REGISTER, {
      keys: [this.keys.libraryVersions, this.keys.librarySeq],
      arguments: [versionField(ref), value, entry.fingerprint, mode],
    })) as RegisterAnswer;
  }

  /** Points theme `key` at `ref`; with `union`, only if the hall has no theme on that key yet. */
  async publish(
    key: string,
    ref: PackRef,
    theme: Pick<ThemeEntry, 'kind' | 'by' | 'at'> & { from: string },
    version: { fingerprint: string; origin: string; from: string },
    mode: 'set' | 'union' = 'set',
  ): Promise<PublishAnswer> {
    const themeValue = JSON.stringify({ ...ref, ...theme, seq: 0 });
    const versionValue = JSON.stringify({
      state: 'present',
      fingerprint: version.fingerprint,
      origin: version.origin,
      from: version.from,
      by: theme.by,
      at: theme.at,
      seq: 0,
    });
    return (await this.redis.eval(PUBLISH, {
      keys: [this.keys.libraryVersions, this.keys.libraryThemes, this.keys.librarySeq],
      arguments: [versionField(ref), key, themeValue, versionValue, version.fingerprint, mode],
    })) as PublishAnswer;
  }

  /** Marks `ref` deleted for the whole hall; answers the key still playing it, if one does. */
  async remove(
    ref: PackRef,
    by: string,
    at: number,
    from: string,
  ): Promise<{ usedBy: string } | null> {
    const answer = (await this.redis.eval(REMOVE, {
      keys: [this.keys.libraryVersions, this.keys.libraryThemes, this.keys.librarySeq],
      arguments: [
        versionField(ref),
        JSON.stringify({ state: 'deleted', by, from, at, seq: 0 }),
        ref.packId,
        ref.version,
      ],
    })) as string;
    return answer.startsWith('used:') ? { usedBy: answer.slice('used:'.length) } : null;
  }

  /**
   * The hall's secret for fetching packs between nodes. The first node to ask creates it; after
   * a Redis restart a node puts back the one it knew (`known`), so the others' copies still work.
   */
  async secret(known?: string | null): Promise<string> {
    const existing = await this.redis.get(this.keys.librarySecret);
    if (existing) return existing;
    const proposed = known ?? randomBytes(32).toString('hex');
    await this.redis.set(this.keys.librarySecret, proposed, { NX: true });
    const created = await this.redis.get(this.keys.librarySecret);
    if (!created) throw new Error(`${this.keys.librarySecret}: could not be created`);
    return created;
  }

  /** Node id → address of the hall's nodes that refreshed their entry recently. */
  async liveNodes(now = Date.now()): Promise<Map<string, string>> {
    const nodes = new Map<string, string>();
    for (const [id, text] of Object.entries(await this.redis.hGetAll(this.keys.nodes))) {
      try {
        const node = JSON.parse(text) as { url?: unknown; at?: unknown };
        if (typeof node.url === 'string' && typeof node.at === 'number' && now - node.at < 15_000)
          nodes.set(id, node.url);
      } catch {
        // a malformed entry names no node to ask
      }
    }
    return nodes;
  }
}

/** The checked entry, or why it is refused. */
function parse<S extends z.ZodType>(schema: S, text: string): z.infer<S> | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : describeIssues(parsed.error);
}
