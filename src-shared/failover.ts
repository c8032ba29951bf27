/**
 * How a screen that knows several controller nodes (a cluster sharing one hall) picks one and
 * moves on when it stops answering. Pure: time and randomness come in as arguments, so the screen
 * page, the simulated screens of the benchmarks and the unit tests all run the same policy.
 *
 * - Order: each screen walks the list in its own fixed order, a shuffle seeded by a hash of its
 *   name. Screens spread over the nodes from the start, and when one node dies its screens spread
 *   over the others instead of all landing on the next one in the list.
 * - When to move: after `attemptsBeforeMove` failed connection attempts in a row, or when the
 *   current node has been unreachable for `giveUpAfterMs` (a node that hangs instead of refusing),
 *   whichever comes first; the latter grows with every round through the list that fails. Socket.IO's own reconnection (src-shared/reconnect.ts) makes the
 *   attempts; this only decides when to stop trying the current node.
 * - Jitter: a random wait before each move ("full jitter", 0 to the cap), so a killed node's
 *   screens reach the next node over a second or two, not in one instant. Every full round of the
 *   list that fails doubles the cap, up to `maxMoveDelayMs`.
 */
export interface FailoverPolicy {
  /** Failed connection attempts in a row before the next controller is tried. */
  attemptsBeforeMove: number;
  /**
   * How long the current controller may stay unreachable before the next one is tried, on the
   * first round through the list. Every further round that fails doubles it, up to
   * `maxGiveUpAfterMs`: when every node seems gone, the likeliest reason is that the one still
   * alive is busy taking on the screens of the one that died, and leaving it makes that worse.
   */
  giveUpAfterMs: number;
  maxGiveUpAfterMs: number;
  /** The cap of the random wait before a move, on the first round through the list. */
  moveJitterMs: number;
  /** The cap never grows past this, however many rounds fail. */
  maxMoveDelayMs: number;
}

/** What the screen page and the simulated screens use. */
export const SCREEN_FAILOVER: FailoverPolicy = {
  attemptsBeforeMove: 2,
  giveUpAfterMs: 5_000,
  maxGiveUpAfterMs: 20_000,
  moveJitterMs: 1_500,
  maxMoveDelayMs: 6_000,
};

/**
 * The WHATWG URL class, global in browsers and Node alike; src-shared is compiled without either
 * environment's types, so only the part used here is declared.
 */
declare const URL: new (text: string) => {
  protocol: string;
  pathname: string;
  search: string;
  hash: string;
  username: string;
  password: string;
  origin: string;
};

/** A controller URL reduced to its origin, or why it cannot be one. */
export function controllerOrigin(text: string): { origin: string } | { error: string } {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: `"${text}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `"${text}" must start with http:// or https://` };
  }
  // Anything past the origin would be silently dropped when paths are appended; refuse it.
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return { error: `"${text}" must be just scheme, host and port, like http://192.168.1.10:8080` };
  }
  return { origin: url.origin };
}

/**
 * The usable controller origins of a list, in order and without repeats, and the problems with
 * the rest (each naming the bad entry).
 */
export function parseControllerUrls(list: readonly string[]): {
  urls: string[];
  problems: string[];
} {
  const urls: string[] = [];
  const problems: string[] = [];
  for (const text of list) {
    const parsed = controllerOrigin(text);
    if ('error' in parsed) problems.push(parsed.error);
    else if (!urls.includes(parsed.origin)) urls.push(parsed.origin);
  }
  return { urls, problems };
}

/** 32-bit FNV-1a of a string: stable across runs and platforms, which is all it needs to be. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small seeded generator (mulberry32) giving numbers in [0, 1), like Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The order in which the screen `name` tries `urls`: the same every time for the same name. */
export function failoverOrder(urls: readonly string[], name: string): string[] {
  const order = [...urls];
  const random = seededRandom(hashName(name));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}

/**
 * One screen's place in its list of controllers. The caller reports what its connection does
 * (`connected`, `attemptFailed`, `lost`), asks `shouldMove(now)` on every failure and on a timer,
 * and on yes calls `advance(random)` and connects to the URL it returns after its delay.
 */
export class ControllerRotation {
  readonly order: readonly string[];
  private index = 0;
  private failures = 0;
  /** Since when the current controller has not been connected; null while connected. */
  private unreachableSince: number | null;
  /** Moves since the last successful connection. */
  private moves = 0;

  constructor(
    urls: readonly string[],
    name: string,
    now: number,
    private readonly policy: FailoverPolicy = SCREEN_FAILOVER,
  ) {
    if (urls.length === 0) throw new Error('ControllerRotation needs at least one controller URL');
    this.order = failoverOrder(urls, name);
    this.unreachableSince = now;
  }

  get current(): string {
    return this.order[this.index] as string;
  }

  /** With one controller there is nowhere to go: its own reconnection keeps trying. */
  get canMove(): boolean {
    return this.order.length > 1;
  }

  /** The current controller answered. */
  connected(): void {
    this.failures = 0;
    this.unreachableSince = null;
    this.moves = 0;
  }

  /**
   * The current controller answered at the transport level (its WebSocket opened) and is now
   * working through this screen's handshake. A busy node, just taking on a dead node's screens,
   * may take seconds over it: the give-up clock starts again rather than abandon the work
   * half-done and come back later to the back of the queue. A node that never answers at all is
   * still given up on in time.
   */
  answered(now: number): void {
    if (this.unreachableSince !== null) this.unreachableSince = now;
  }

  /** The connection to the current controller was lost (it may come back by itself). */
  lost(now: number): void {
    this.unreachableSince ??= now;
  }

  /** An attempt to reach the current controller failed. */
  attemptFailed(now: number): void {
    this.failures += 1;
    this.unreachableSince ??= now;
  }

  /** Whether to give up on the current controller and try the next. */
  shouldMove(now: number): boolean {
    if (!this.canMove || this.unreachableSince === null) return false;
    // The round of this visit: 0 until the screen has been through the whole list once.
    const round = Math.floor(Math.max(0, this.moves - 1) / this.order.length);
    const patience = Math.min(this.policy.maxGiveUpAfterMs, this.policy.giveUpAfterMs * 2 ** round);
    return (
      this.failures >= this.policy.attemptsBeforeMove || now - this.unreachableSince >= patience
    );
  }

  /**
   * Moves to the next controller in this screen's order and says how long to wait before
   * connecting to it. `now` is when that wait starts; the give-up clock of the new controller
   * starts when the wait ends.
   */
  advance(now: number, random: () => number): { url: string; delayMs: number } {
    const rounds = Math.floor(this.moves / this.order.length);
    const cap = Math.min(this.policy.maxMoveDelayMs, this.policy.moveJitterMs * 2 ** rounds);
    const delayMs = Math.round(random() * cap);
    this.moves += 1;
    this.index = (this.index + 1) % this.order.length;
    this.failures = 0;
    this.unreachableSince = now + delayMs;
    return { url: this.current, delayMs };
  }
}
