import { describe, expect, it } from 'vitest';
import {
  ControllerRotation,
  controllerOrigin,
  failoverOrder,
  hashName,
  parseControllerUrls,
  SCREEN_FAILOVER,
  seededRandom,
  type FailoverPolicy,
} from '../../../src-shared/failover';

const A = 'http://10.0.0.1:8080';
const B = 'http://10.0.0.2:8080';
const C = 'http://10.0.0.3:8080';

const policy: FailoverPolicy = {
  attemptsBeforeMove: 2,
  giveUpAfterMs: 5000,
  maxGiveUpAfterMs: 12_000,
  moveJitterMs: 1000,
  maxMoveDelayMs: 3000,
};

describe('parseControllerUrls', () => {
  it('keeps http(s) origins in order, without repeats', () => {
    expect(parseControllerUrls([`${A}/`, B, ` ${A} `, 'https://hall.example'])).toEqual({
      urls: [A, B, 'https://hall.example'],
      problems: [],
    });
  });

  it('names each entry it drops and why', () => {
    const { urls, problems } = parseControllerUrls([
      'not a url',
      'ftp://10.0.0.1',
      `${A}/screen`,
      'http://user:pw@10.0.0.1',
      B,
    ]);
    expect(urls).toEqual([B]);
    expect(problems).toEqual([
      '"not a url" is not a URL',
      '"ftp://10.0.0.1" must start with http:// or https://',
      `"${A}/screen" must be just scheme, host and port, like http://192.168.1.10:8080`,
      '"http://user:pw@10.0.0.1" must be just scheme, host and port, like http://192.168.1.10:8080',
    ]);
  });

  it('reduces a URL to its origin', () => {
    expect(controllerOrigin('HTTP://Hall.Example:80/')).toEqual({ origin: 'http://hall.example' });
  });
});

describe('failoverOrder', () => {
  it('is the same every time for the same name and holds every URL once', () => {
    const order = failoverOrder([A, B, C], 'lobby-1');
    expect(failoverOrder([A, B, C], 'lobby-1')).toEqual(order);
    expect([...order].sort()).toEqual([A, B, C]);
  });

  it('spreads screens over the nodes, first choice and second choice alike', () => {
    const first = new Map<string, number>();
    const secondWhenFirstDies = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const order = failoverOrder([A, B, C], `sim-0-${i}`);
      first.set(order[0]!, (first.get(order[0]!) ?? 0) + 1);
      if (order[0] === A)
        secondWhenFirstDies.set(order[1]!, (secondWhenFirstDies.get(order[1]!) ?? 0) + 1);
    }
    // About a third each; with 3000 names a skew past 40 % would mean a broken hash.
    for (const url of [A, B, C]) expect(first.get(url)! / 3000).toBeGreaterThan(0.26);
    for (const url of [A, B, C]) expect(first.get(url)! / 3000).toBeLessThan(0.4);
    // A's screens split over B and C instead of all landing on one of them.
    const moved = first.get(A)!;
    expect(secondWhenFirstDies.get(B)! / moved).toBeGreaterThan(0.4);
    expect(secondWhenFirstDies.get(C)! / moved).toBeGreaterThan(0.4);
  });

  it('hashes names stably (FNV-1a)', () => {
    expect(hashName('')).toBe(0x811c9dc5);
    expect(hashName('a')).toBe(0xe40c292c);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });
});

describe('ControllerRotation', () => {
  it('starts on the first URL of the screen order and never moves with one URL', () => {
    const rotation = new ControllerRotation([A], 'solo', 0, policy);
    expect(rotation.current).toBe(A);
    expect(rotation.canMove).toBe(false);
    for (let i = 0; i < 10; i++) rotation.attemptFailed(i * 1000);
    expect(rotation.shouldMove(60_000)).toBe(false);
  });

  it('stays while connected, whatever the clock says', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    rotation.connected();
    expect(rotation.shouldMove(1_000_000)).toBe(false);
  });

  it('moves after the allowed failed attempts in a row', () => {
    const rotation = new ControllerRotation([A, B, C], 'x', 0, policy);
    rotation.connected();
    rotation.lost(10_000);
    rotation.attemptFailed(10_300);
    expect(rotation.shouldMove(10_300)).toBe(false);
    rotation.attemptFailed(10_900);
    expect(rotation.shouldMove(10_900)).toBe(true);
  });

  it('moves when a lost controller has not come back in time, even without failures', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    rotation.connected();
    rotation.lost(10_000);
    expect(rotation.shouldMove(14_999)).toBe(false);
    expect(rotation.shouldMove(15_000)).toBe(true);
  });

  it('gives the first controller the same time to answer when it never did', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    expect(rotation.shouldMove(4_999)).toBe(false);
    expect(rotation.shouldMove(5_000)).toBe(true);
  });

  it('walks the screen order, waiting a jittered time before each move', () => {
    const rotation = new ControllerRotation([A, B, C], 'lobby-1', 0, policy);
    const order = failoverOrder([A, B, C], 'lobby-1');
    expect(rotation.order).toEqual(order);
    expect(rotation.current).toBe(order[0]);
    const random = seededRandom(7);
    const expected = seededRandom(7);
    const first = rotation.advance(1000, random);
    expect(first.url).toBe(order[1]);
    expect(first.delayMs).toBe(Math.round(expected() * 1000));
    expect(rotation.advance(2000, random).url).toBe(order[2]);
    expect(rotation.advance(3000, random).url).toBe(order[0]);
  });

  it('does not count the wait before a move as time unreachable', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    const { delayMs } = rotation.advance(10_000, () => 0.5);
    expect(delayMs).toBe(500);
    expect(rotation.shouldMove(10_500 + 4_999)).toBe(false);
    expect(rotation.shouldMove(10_500 + 5_000)).toBe(true);
  });

  it('waits longer on each further round through the list, up to the maximum', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    rotation.connected();
    rotation.lost(0);
    // How long each visit lasts when nothing ever answers (no refusals either: nodes that hang).
    const visits: number[] = [];
    let now = 0;
    for (let visit = 0; visit < 7; visit++) {
      const start = now;
      while (!rotation.shouldMove(now)) now += 100;
      visits.push(now - start);
      now = rotation.advance(now, () => 0).delayMs + now;
    }
    expect(visits).toEqual([5000, 5000, 5000, 10_000, 10_000, 12_000, 12_000]);
    // Getting in starts again from the short wait.
    rotation.connected();
    rotation.lost(now);
    expect(rotation.shouldMove(now + 5000)).toBe(true);
  });

  it('starts the give-up clock again when the controller answers at the transport level', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    rotation.connected();
    rotation.lost(10_000);
    rotation.answered(14_000);
    expect(rotation.shouldMove(15_000)).toBe(false);
    expect(rotation.shouldMove(19_000)).toBe(true);
    // While connected it means nothing.
    rotation.connected();
    rotation.answered(20_000);
    expect(rotation.shouldMove(60_000)).toBe(false);
  });

  it('forgets failures of the previous controller on a move', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    rotation.attemptFailed(100);
    rotation.attemptFailed(200);
    rotation.advance(200, () => 0);
    rotation.attemptFailed(300);
    expect(rotation.shouldMove(300)).toBe(false);
  });

  it('doubles the jitter cap after every failed round, up to the maximum', () => {
    const rotation = new ControllerRotation([A, B], 'x', 0, policy);
    const almostOne = () => 0.999_999;
    const delays = Array.from({ length: 8 }, (_, i) => rotation.advance(i, almostOne).delayMs);
    expect(delays).toEqual([1000, 1000, 2000, 2000, 3000, 3000, 3000, 3000]);
    // A success starts again from the small cap.
    rotation.connected();
    expect(rotation.advance(100, almostOne).delayMs).toBe(1000);
  });

  it("spreads a killed node's screens over the jitter window", () => {
    // 200 screens all lose node A at t=0 and fail twice at once (connection refused).
    const arrivals: number[] = [];
    const random = seededRandom(2026);
    for (let i = 0; i < 200; i++) {
      const rotation = new ControllerRotation([A, B], `screen-${i}`, 0, SCREEN_FAILOVER);
      rotation.connected();
      rotation.lost(0);
      rotation.attemptFailed(0);
      rotation.attemptFailed(0);
      expect(rotation.shouldMove(0)).toBe(true);
      arrivals.push(rotation.advance(0, random).delayMs);
    }
    const perQuarter = [0, 1, 2, 3].map(
      (q) =>
        arrivals.filter(
          (t) =>
            t >= (q * SCREEN_FAILOVER.moveJitterMs) / 4 &&
            t < ((q + 1) * SCREEN_FAILOVER.moveJitterMs) / 4,
        ).length,
    );
    // Roughly 50 per quarter of the window; none near all 200 in one instant.
    for (const count of perQuarter) expect(count).toBeGreaterThan(30);
    expect(Math.max(...arrivals)).toBeLessThanOrEqual(SCREEN_FAILOVER.moveJitterMs);
  });

  it('refuses an empty list', () => {
    expect(() => new ControllerRotation([], 'x', 0)).toThrow(/at least one/);
  });
});
