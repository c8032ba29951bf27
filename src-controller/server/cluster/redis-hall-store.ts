import type { RedisClientType } from 'redis';
import { describeIssues } from '../../../src-shared/protocol';
import {
  sharedHallStateSchema,
  type HallAuthority,
  type SharedHallState,
} from '../hall/shared-hall-state';
import { hallKeys } from './redis-keys';

// Compare-and-set on the revision, in one step on the Redis server: two nodes pressing at the
// same moment cannot both win, and the loser gets the winner's state back in the same answer.
const COMMIT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'revision') or '0')
if current ~= tonumber(ARGV[1]) then
  return {0, redis.call('HGET', KEYS[1], 'state') or ''}
end
redis.call('HSET', KEYS[1], 'revision', ARGV[2], 'state', ARGV[3])
return {1, ''}
`;

// A node that knows a newer state than the store (Redis restarted empty, or this is the first
// node) writes it back; otherwise the store's state comes back for the node to adopt.
const SEED = `
local current = tonumber(redis.call('HGET', KEYS[1], 'revision') or '-1')
if current < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'revision', ARGV[1], 'state', ARGV[2])
  return ''
end
return redis.call('HGET', KEYS[1], 'state') or ''
`;

export class SharedStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SharedStateError';
  }
}

/** Redis came back empty (restarted without persistence) before this node put the hall back. */
export class EmptyStoreError extends SharedStateError {
  constructor(key: string) {
    super(`${key}: the shared store holds no hall state`);
  }
}

/** Parses a state read from Redis; a corrupt one is an error that names what is wrong. */
function parseShared(text: string, key: string): SharedHallState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SharedStateError(`${key}: state is not JSON`);
  }
  const parsed = sharedHallStateSchema.safeParse(json);
  if (!parsed.success) throw new SharedStateError(`${key}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The hall's state in Redis: the one every node of the hall reads and writes. */
export class RedisHallStore implements HallAuthority {
  private readonly keys;

  constructor(
    private readonly redis: RedisClientType,
    hallId: string,
  ) {
    this.keys = hallKeys(hallId);
  }

  async commit(
    baseRevision: number,
    next: SharedHallState,
  ): Promise<{ committed: true } | { committed: false; current: SharedHallState }> {
    const [ok, current] = (await this.redis.eval(COMMIT, {
      keys: [this.keys.state],
      arguments: [String(baseRevision), String(next.revision), JSON.stringify(next)],
    })) as [number, string];
    if (ok === 1) return { committed: true };
    if (!current) throw new EmptyStoreError(this.keys.state);
    return { committed: false, current: parseShared(current, this.keys.state) };
  }

  /** Writes `local` if the store is behind it; returns the store's state when that is newer. */
  async seed(local: SharedHallState): Promise<SharedHallState | null> {
    const current = (await this.redis.eval(SEED, {
      keys: [this.keys.state],
      arguments: [String(local.revision), JSON.stringify(local)],
    })) as string;
    return current ? parseShared(current, this.keys.state) : null;
  }

  async revision(): Promise<number> {
    return Number((await this.redis.hGet(this.keys.state, 'revision')) ?? 0);
  }

  async read(): Promise<SharedHallState | null> {
    const text = await this.redis.hGet(this.keys.state, 'state');
    return text ? parseShared(text, this.keys.state) : null;
  }
}
