import { Socket } from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../bench/redis-server';
import { redisWritesOut } from '../../src-controller/server/cluster/redis-writes-out';

// A real redis-server: what is checked is when node-redis puts a command on its socket.
describe('redisWritesOut', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('resolves only after a command queued before it has been written to the socket', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    const written: string[] = [];
    const write = Socket.prototype.write;
    Socket.prototype.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
      written.push(String(chunk));
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof Socket.prototype.write;
    const publishes = () => written.filter((chunk) => chunk.includes('PUBLISH')).length;
    try {
      const sent = client.publish('hallcue-test', 'press');
      // node-redis defers the write: a synchronous loop here (a node telling its screens)
      // would hold the command back. This is what redisWritesOut is for.
      expect(publishes()).toBe(0);
      await redisWritesOut();
      expect(publishes()).toBe(1);
      await sent;
    } finally {
      Socket.prototype.write = write;
      await client.quit();
    }
  });
});
