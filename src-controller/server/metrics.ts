import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Live figures the metrics read at scrape time rather than tracking themselves. */
export interface MetricSources {
  onlineScreens: () => number;
  approvedScreens: () => number;
  revision: () => number;
}

export type RefusalReason = 'malformed' | 'unknown' | 'rejected' | 'auth';
export type ImportOutcome = 'added' | 'existing' | 'refused' | 'failed';

/** Seconds, from a frame (16 ms) to a slow network's worst case. */
const SWITCH_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];
const IMPORT_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 900];

/**
 * The controller's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so several controllers in one process (the tests) never share or clash over counters.
 */
export class ControllerMetrics {
  readonly registry = new Registry();
  readonly switches: Counter;
  readonly broadcastSeconds: Histogram;
  readonly presentedSeconds: Histogram;
  readonly fanOutSeconds: Histogram;
  readonly importSeconds: Histogram<'outcome'>;
  readonly errors: Counter<'kind'>;
  readonly refused: Counter<'namespace' | 'reason'>;
  /** Per press still being reported: who must present it, who has, and when it was pressed. */
  private readonly pending = new Map<
    number,
    { expected: Set<string>; requestedAt: number; startAt: number }
  >();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'hallcue_' });
    new Gauge({
      name: 'hallcue_screens_online',
      help: 'Screens with at least one open connection (approved or waiting)',
      registers,
      collect() {
        this.set(sources.onlineScreens());
      },
    });
    new Gauge({
      name: 'hallcue_screens_approved',
      help: 'Screens approved to show content (online or not)',
      registers,
      collect() {
        this.set(sources.approvedScreens());
      },
    });
    new Gauge({
      name: 'hallcue_hall_revision',
      help: 'Revision of the hall state (grows by one per press)',
      registers,
      collect() {
        this.set(sources.revision());
      },
    });
    this.switches = new Counter({
      name: 'hallcue_switches_total',
      help: 'Theme key presses accepted since the controller started',
      registers,
    });
    this.broadcastSeconds = new Histogram({
      name: 'hallcue_switch_broadcast_seconds',
      help: 'Time to compute and hand one press to every screen connection',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers,
    });
    this.presentedSeconds = new Histogram({
      name: 'hallcue_switch_presented_seconds',
      help: "From a press to one screen's first frame of it (per screen report, controller clock)",
      buckets: SWITCH_BUCKETS,
      registers,
    });
    this.fanOutSeconds = new Histogram({
      name: 'hallcue_switch_fanout_seconds',
      help: 'From a press to the last expected screen (on this node) reporting its first frame',
      buckets: SWITCH_BUCKETS,
      registers,
    });
    this.importSeconds = new Histogram({
      name: 'hallcue_pack_import_seconds',
      help: 'Pack import duration by outcome (added, existing, refused, failed)',
      labelNames: ['outcome'],
      buckets: IMPORT_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'hallcue_errors_total',
      help: 'Internal errors by where they happened (http, socket); each is in the log too',
      labelNames: ['kind'],
      registers,
    });
    this.refused = new Counter({
      name: 'hallcue_socket_refused_total',
      help: 'Socket.IO events and handshakes refused, by namespace and reason',
      labelNames: ['namespace', 'reason'],
      registers,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** A press was accepted and broadcast (in `broadcastMs`) to these expected screens. */
  switched(
    revision: number,
    expected: readonly string[],
    requestedAt: number,
    startAt: number,
    broadcastMs: number,
  ) {
    this.switches.inc();
    this.broadcastSeconds.observe(broadcastMs / 1000);
    if (expected.length > 0) {
      this.pending.set(revision, { expected: new Set(expected), requestedAt, startAt });
    }
    // Presses nobody finished reporting (screens went away) must not pile up.
    for (const old of this.pending.keys()) {
      if (this.pending.size <= 32) break;
      this.pending.delete(old);
    }
  }

  /** One screen's first frame of a press, in controller time. */
  presented(revision: number, screenId: string, presentedAt: number) {
    const entry = this.pending.get(revision);
    if (!entry || !entry.expected.delete(screenId)) return;
    this.presentedSeconds.observe(Math.max(0, presentedAt - entry.requestedAt) / 1000);
    if (entry.expected.size === 0) {
      this.pending.delete(revision);
      this.fanOutSeconds.observe(Math.max(0, presentedAt - entry.requestedAt) / 1000);
    }
  }

  imported(ms: number, outcome: ImportOutcome) {
    this.importSeconds.observe({ outcome }, ms / 1000);
  }
}
