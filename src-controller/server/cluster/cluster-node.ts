import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { Server } from 'socket.io';
import type { z } from 'zod';
import type { Localized } from '../../../src-shared/localized';
import { describeIssues } from '../../../src-shared/protocol';
import type { Hall } from '../hall/hall';
import { sharedHallStateSchema } from '../hall/shared-hall-state';
import type { Logger } from '../logger';
import {
  presenceSchema,
  presentedBatchSchema,
  pushAnswerSchema,
  pushRequestSchema,
  type PresentedBatch,
  type PushAnswer,
} from './bus-messages';
import { EmptyStoreError, RedisHallStore } from './redis-hall-store';
import { HALLS_KEY, hallKeys, pushReplyKey } from './redis-keys';
import { redisWritesOut } from './redis-writes-out';

export interface ClusterConfig {
  redisUrl: string;
  hallId: string;
  hallName: Localized;
  /** This node's own address, as the other nodes and the load balancer reach it. */
  nodeUrl: () => string;
  log: Logger;
  /** How often nodes refresh their presence and check the store (ms); tests shorten it. */
  heartbeatMs?: number;
}

export interface ClusterHooks {
  hall: Hall;
  /** The approved screens online on this node, with their zones. */
  localScreens(): [string, string | null][];
  /** Screens on other nodes reported presenting these presses. */
  presented(rows: PresentedBatch['rows']): void;
  /** The key this hall's theme of `packId` is on, for a multi-hall push; null if none. */
  keyForPack(packId: string): string | null;
}

export interface NodeInfo {
  id: string;
  url: string;
  at: number;
  screens: number;
}

export interface HallInfo {
  id: string;
  name: Localized;
  /** Nodes that refreshed their entry recently. */
  nodes: NodeInfo[];
}

// Holds or takes the hall's lease: one node at a time runs the weekly programme.
const LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
elseif not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

const CONNECT_TIMEOUT_MS = 5000;
const PUSH_ANSWER_TIMEOUT_S = 5;
const REQUEST_GROUP = 'nodes';

/** Retries Redis quickly at first, then every 2 s, for as long as it takes. */
const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 2000);

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One controller node's membership of a hall shared through Redis (docs/scaling.md):
 * - the hall state lives in Redis ({@link RedisHallStore}) and every press is a compare-and-set
 *   there before anyone is told it happened;
 * - the press reaches the hall's other nodes through Socket.IO's Redis Streams adapter (on a bus
 *   server with no clients of its own), and each node sends it to its own screens;
 * - screens' reports and each node's online screens travel the same way, so every node's switch
 *   report and "expected screens" cover the whole hall.
 */
export class ClusterNode {
  readonly nodeId = randomUUID();
  private readonly keys;
  private readonly remote = new Map<string, { screens: [string, string | null][]; at: number }>();
  private readonly outgoing: PresentedBatch['rows'] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private consumer: RedisClientType | undefined;
  private lastRedisError = 0;
  private leader = false;

  private constructor(
    private readonly config: ClusterConfig,
    private readonly hooks: ClusterHooks,
    private readonly redis: RedisClientType,
    /** Commands that must fail at once while Redis is away rather than wait in a queue. */
    private readonly direct: RedisClientType,
    readonly store: RedisHallStore,
    private readonly bus: Server,
  ) {
    this.keys = hallKeys(config.hallId);
  }

  static async join(config: ClusterConfig, hooks: ClusterHooks): Promise<ClusterNode> {
    const where = config.redisUrl.replace(/\/\/[^@/]*@/, '//***@');
    const redis = createClient({
      url: config.redisUrl,
      socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy },
    }) as RedisClientType;
    redis.on('error', () => undefined);
    markPublishesHandled(redis);
    try {
      await withTimeout(
        redis.connect(),
        CONNECT_TIMEOUT_MS,
        `cannot reach Redis at ${where} within ${CONNECT_TIMEOUT_MS / 1000} s`,
      );
    } catch (error) {
      redis.destroy();
      throw new Error(`--redis: ${(error as Error).message}`, { cause: error });
    }
    const direct = redis.duplicate({ disableOfflineQueue: true }) as RedisClientType;
    direct.on('error', () => undefined);
    await direct.connect();
    const keys = hallKeys(config.hallId);
    const bus = new Server({
      adapter: createAdapter(redis, {
        streamName: keys.bus,
        // Server-side messages travel by Pub/Sub on this prefix: a hall's own, like its stream.
        channelPrefix: keys.bus,
        maxLen: 10_000,
        heartbeatInterval: 2_000,
        heartbeatTimeout: 6_000,
      }),
    });
    const store = new RedisHallStore(direct, config.hallId);
    const node = new ClusterNode(config, hooks, redis, direct, store, bus);
    await node.start();
    return node;
  }

  private async start() {
    const { hall } = this.hooks;
    await this.catchUp();
    hall.authority = {
      commit: async (base, next) => {
        const answer = await this.store.commit(base, next).catch(async (error: unknown) => {
          if (!(error instanceof EmptyStoreError)) throw error;
          // A press raced the node's own reseed after a Redis restart: reseed, then try again.
          await this.store.seed(hall.shared());
          return this.store.commit(base, next);
        });
        if (answer.committed) {
          this.bus.serverSideEmit('hall', next);
          await redisWritesOut();
        }
        return answer;
      },
    };
    this.bus.on('hall', (shared: unknown) => {
      const parsed = sharedHallStateSchema.safeParse(shared);
      if (!parsed.success) return this.refused('hall', describeIssues(parsed.error));
      void hall.adopt(parsed.data).catch((error: unknown) => this.failed('adopt', error));
    });
    this.bus.on('presented', (batch: unknown) => {
      const parsed = presentedBatchSchema.safeParse(batch);
      if (!parsed.success) return this.refused('presented', describeIssues(parsed.error));
      this.hooks.presented(parsed.data.rows);
    });
    this.bus.on('presence', (presence: unknown) => {
      const parsed = presenceSchema.safeParse(presence);
      if (!parsed.success) return this.refused('presence', describeIssues(parsed.error));
      if (parsed.data.nodeId === this.nodeId) return;
      this.remote.set(parsed.data.nodeId, { screens: parsed.data.screens, at: Date.now() });
    });
    this.bus.on('gone', (nodeId: unknown) => {
      if (typeof nodeId === 'string') this.remote.delete(nodeId);
    });
    // After a Redis restart the store may be empty (or older than this node): put back what
    // the hall last agreed on, or take what another node already put back.
    this.redis.on('ready', () => void this.catchUp().catch((e: unknown) => this.failed('seed', e)));
    await this.beat();
    this.heartbeat = setInterval(
      () =>
        void this.beat().catch((error: unknown) => {
          this.leader = false;
          this.failed('heartbeat', error);
        }),
      this.config.heartbeatMs ?? 1000,
    );
    void this.consumeRequests();
  }

  private async catchUp() {
    const current = await this.store.seed(this.hooks.hall.shared());
    if (current) await this.hooks.hall.adopt(current);
  }

  /** Refreshes this node's entries, announces its screens, and catches up on a missed press. */
  private async beat() {
    if (this.closed) return;
    const now = Date.now();
    const screens = this.hooks.localScreens();
    const info: NodeInfo = {
      id: this.nodeId,
      url: this.config.nodeUrl(),
      at: now,
      screens: screens.length,
    };
    await this.direct.hSet(this.keys.nodes, this.nodeId, JSON.stringify(info));
    await this.direct.hSet(
      HALLS_KEY,
      this.config.hallId,
      JSON.stringify({ name: this.config.hallName, at: now }),
    );
    this.announce(screens);
    const leaseMs = 3 * (this.config.heartbeatMs ?? 1000);
    this.leader =
      (await this.direct.eval(LEASE, {
        keys: [this.keys.leader],
        arguments: [this.nodeId, String(leaseMs)],
      })) === 1;
    for (const [id, entry] of this.remote) {
      if (now - entry.at > 3 * (this.config.heartbeatMs ?? 1000)) this.remote.delete(id);
    }
    if ((await this.store.revision()) > this.hooks.hall.current.revision) {
      const current = await this.store.read();
      if (current) await this.hooks.hall.adopt(current);
    }
  }

  private announce(screens = this.hooks.localScreens()) {
    this.bus.serverSideEmit('presence', {
      nodeId: this.nodeId,
      url: this.config.nodeUrl(),
      screens,
    });
  }

  /**
   * Sends `payload` to this hall's other nodes (not back to this one). For small messages:
   * anything big (pack files) is fetched from a node over HTTP instead.
   */
  send(event: string, payload: unknown): void {
    if (!this.closed) this.bus.serverSideEmit(event, payload);
  }

  /** Handles `event` from the hall's other nodes; payloads are checked against `schema` first. */
  receive<S extends z.ZodType>(event: string, schema: S, handler: (payload: z.infer<S>) => void) {
    this.bus.on(event, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return this.refused(event, describeIssues(parsed.error));
      try {
        handler(parsed.data);
      } catch (error) {
        this.config.log.error({ err: error, event }, 'cluster message failed');
      }
    });
  }

  /** The Redis connection for commands that must fail at once while Redis is away. */
  get redisClient(): RedisClientType {
    return this.direct;
  }

  /** This hall's keys in Redis (see redis-keys.ts). */
  get hallKeys() {
    return this.keys;
  }

  /**
   * Whether this node holds the hall's lease (renewed every heartbeat, lost when Redis is away):
   * the one node that runs the weekly programme, so a programmed change is pressed once.
   */
  isLeader(): boolean {
    return this.leader && !this.closed;
  }

  /** Screens came or went on this node: tell the others soon (once per burst). */
  screensChanged(): void {
    if (this.closed) return;
    this.presenceTimer ??= setTimeout(() => {
      this.presenceTimer = undefined;
      if (!this.closed) this.announce();
    }, 500);
  }

  /** Approved screens online on the hall's other nodes (in `zone`, or all). */
  remoteScreens(zone: string | null): string[] {
    const ids: string[] = [];
    for (const { screens } of this.remote.values()) {
      for (const [id, screenZone] of screens)
        if (zone === null || screenZone === zone) ids.push(id);
    }
    return ids;
  }

  /** A screen on this node presented a press: the other nodes' reports should say so too. */
  forwardPresented(row: PresentedBatch['rows'][number]): void {
    if (this.outgoing.length === 0) {
      setTimeout(() => {
        const rows = this.outgoing.splice(0);
        if (!this.closed && rows.length > 0) this.bus.serverSideEmit('presented', { rows });
      }, 20);
    }
    this.outgoing.push(row);
  }

  /** Every hall on this Redis with its live nodes. */
  async halls(): Promise<HallInfo[]> {
    const halls = await this.direct.hGetAll(HALLS_KEY);
    const now = Date.now();
    const out: HallInfo[] = [];
    for (const [id, text] of Object.entries(halls)) {
      const { name } = JSON.parse(text) as { name: Localized };
      const nodes = Object.values(await this.direct.hGetAll(hallKeys(id).nodes))
        .map((node) => JSON.parse(node) as NodeInfo)
        .filter((node) => now - node.at < 15_000);
      out.push({ id, name, nodes });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Switches each of `halls` to its theme of pack `packId`, through that hall's own nodes (one of
   * them takes the request), and waits for each hall's answer.
   */
  async push(packId: string, halls: readonly string[], by: string): Promise<PushAnswer[]> {
    const known = new Map((await this.halls()).map((hall) => [hall.id, hall]));
    return Promise.all(
      halls.map(async (hallId): Promise<PushAnswer> => {
        const hall = known.get(hallId);
        if (!hall) return { ok: false, hall: hallId, error: `there is no hall ${hallId}` };
        if (hall.nodes.length === 0)
          return { ok: false, hall: hallId, error: `hall ${hallId} has no live controller node` };
        const pushId = randomUUID();
        const request = { pushId, packId, by, fromHall: this.config.hallId };
        await this.direct.xAdd(
          hallKeys(hallId).requests,
          '*',
          { request: JSON.stringify(request) },
          {
            TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 },
          },
        );
        const waiter = this.redis.duplicate() as RedisClientType;
        waiter.on('error', () => undefined);
        try {
          await waiter.connect();
          const answer = await waiter.blPop(pushReplyKey(pushId), PUSH_ANSWER_TIMEOUT_S);
          if (!answer) {
            return {
              ok: false,
              hall: hallId,
              error: `hall ${hallId} did not answer within ${PUSH_ANSWER_TIMEOUT_S} s`,
            };
          }
          const parsed = pushAnswerSchema.safeParse(JSON.parse(answer.element));
          return parsed.success
            ? parsed.data
            : {
                ok: false,
                hall: hallId,
                error: `hall ${hallId} answered: ${describeIssues(parsed.error)}`,
              };
        } finally {
          waiter.destroy();
        }
      }),
    );
  }

  /** Takes this hall's share of push requests; each one goes to exactly one of its nodes. */
  private async consumeRequests() {
    const consumer = this.redis.duplicate() as RedisClientType;
    consumer.on('error', () => undefined);
    this.consumer = consumer;
    await consumer.connect();
    let groupReady = false;
    while (!this.closed) {
      try {
        if (!groupReady) {
          await consumer
            .xGroupCreate(this.keys.requests, REQUEST_GROUP, '$', { MKSTREAM: true })
            .catch((error: unknown) => {
              if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
            });
          groupReady = true;
        }
        const streams = await consumer.xReadGroup(
          REQUEST_GROUP,
          this.nodeId,
          { key: this.keys.requests, id: '>' },
          { BLOCK: 1000, COUNT: 10 },
        );
        for (const stream of (streams ?? []) as {
          messages: { id: string; message: Record<string, string> }[];
        }[]) {
          for (const entry of stream.messages) {
            await this.answerPush(entry.message.request ?? '');
            await this.direct.xAck(this.keys.requests, REQUEST_GROUP, entry.id);
          }
        }
      } catch (error) {
        if (this.closed) return;
        // A Redis that restarted empty has lost the group: make it again once it is back.
        if (String((error as Error).message).includes('NOGROUP')) groupReady = false;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async answerPush(text: string) {
    let request;
    try {
      request = pushRequestSchema.parse(JSON.parse(text));
    } catch {
      return this.refused('push', 'malformed request');
    }
    const hall = this.config.hallId;
    let answer: PushAnswer;
    const key = this.hooks.keyForPack(request.packId);
    if (key === null) {
      answer = {
        ok: false,
        hall,
        error: `hall ${hall} has no key with a theme of pack ${request.packId}`,
      };
    } else {
      try {
        const by = `${request.by} (from hall ${request.fromHall})`;
        const { revision } = await this.hooks.hall.activate(key, by);
        answer = { ok: true, hall, key, revision };
      } catch (error) {
        answer = { ok: false, hall, error: (error as Error).message };
      }
    }
    const reply = pushReplyKey(request.pushId);
    await this.direct.rPush(reply, JSON.stringify(answer));
    await this.direct.expire(reply, 60);
  }

  /** Other replicated parts' status for /api/cluster (the pack library), by name. */
  readonly statusParts = new Map<string, () => unknown>();

  status() {
    return {
      ...Object.fromEntries([...this.statusParts].map(([name, part]) => [name, part()])),
      hallId: this.config.hallId,
      nodeId: this.nodeId,
      redis: this.direct.isReady ? ('connected' as const) : ('unreachable' as const),
      otherNodes: [...this.remote.entries()].map(([id, entry]) => ({
        id,
        screens: entry.screens.length,
      })),
    };
  }

  private refused(event: string, reason: string) {
    this.config.log.warn({ event, reason }, 'cluster message refused');
  }

  private failed(what: string, error: unknown) {
    // Redis being away makes every beat fail: say so once every 10 s, not 3 times a second.
    if (Date.now() - this.lastRedisError < 10_000) return;
    this.lastRedisError = Date.now();
    this.config.log.warn({ err: error, what }, 'cluster: Redis unreachable or refused a command');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.presenceTimer);
    this.hooks.hall.authority = null;
    if (this.direct.isReady) {
      this.bus.serverSideEmit('gone', this.nodeId);
      if (this.leader) await this.direct.del(this.keys.leader).catch(() => undefined);
      await this.direct.hDel(this.keys.nodes, this.nodeId).catch(() => undefined);
    }
    // The bus server never listened, so Server.close (which closes its engine) does not apply.
    await Promise.allSettled([...this.bus._nsps.values()].map((nsp) => nsp.adapter.close()));
    this.consumer?.destroy();
    // Let the last messages (the "gone" above) leave; a Redis that is away gets 1 s.
    for (const client of [this.direct, this.redis]) {
      await withTimeout(client.close(), 1000, 'redis close').catch(() => client.destroy());
    }
  }
}

/**
 * The Redis streams adapter sends its heartbeats and server-side messages with PUBLISH and does
 * not wait for the answer. While Redis is away, such a PUBLISH rejects with nobody to hear it, and
 * an unhandled rejection stops a Node process: a Redis outage would take the node down with it
 * (seen once in the Redis-restart test, as `read ECONNRESET`). The message is lost either way (the
 * nodes catch up on the revision once Redis is back, docs/scaling.md); here its rejection is
 * marked handled. A caller that awaits the PUBLISH still sees it fail.
 */
function markPublishesHandled(client: RedisClientType): void {
  const publish = client.publish.bind(client);
  (client as { publish: typeof publish }).publish = (...args) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
}
