import { flushSync } from 'react-dom';
import { io, type Socket } from 'socket.io-client';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  EMPTY_SCREEN_STATE,
  isNewerState,
  screenStateSchema,
  type ScreenState,
} from '../../src-shared/hall-state';
import {
  prefetchSchema,
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ScreenWelcome,
  type ServerToScreenEvents,
} from '../../src-shared/protocol';
import { ControllerRotation } from '../../src-shared/failover';
import type { Localized } from '../../src-shared/localized';
import type { PresentedSlide } from '../../src-shared/presentation';
import { SCREEN_RECONNECT } from '../../src-shared/reconnect';
import { presentedReportDelayMs } from '../../src-shared/report-spread';
import { ClockSync, frameNow, localNow } from './clock-sync';
import { FilePrefetcher } from './file-prefetcher';
import { FirstSlideWarmer, warmInPage } from './first-slide-warmer';
import { followController } from './follow-controller';
import { collectFrames, FrameCadence } from './frame-cadence';
import { onFrameNearest } from './frame-schedule';
import { hostApi, mapSlideUrls, resolvePresentation, resolveUrl } from './host-bridge';
import { LaterSlideWarmer, laterWarmDelayMs } from './later-slide-warmer';
import { SlideRehearsal } from './slide-rehearsal';
import { laterMediaOf, preloadFirstSlide, preloadOverride } from './preload-media';
import { loadRemembered, remember } from './remembered-state';
import type { ScreenParams } from './screen-params';

export type LinkStatus = 'connecting' | 'waiting-approval' | 'online' | 'offline';

export interface ScreenView {
  status: LinkStatus;
  name: string;
  /** The controller node this screen follows now (one of several in a cluster). */
  controllerUrl: string;
  hallName: Localized | null;
  /** What is on screen now. */
  shown: ScreenState;
  /**
   * The next state, already rendered but invisible, so that the flip itself only makes it
   * visible (a compositor change) instead of building and painting a page in the flip frame.
   */
  staged: ScreenState | null;
  /** Why the controller refused us, if it did (shown only on the setup card). */
  refusal: string | null;
  /** Shown in large digits while waiting for approval. */
  pairingCode: string | null;
  /** The name to show large for a moment, when an operator asks which screen this is. */
  identify: string | null;
  /** Themes whose first slide is decoded ahead of any press (FirstSlideWarmer). */
  warm: string[];
  /** First slides being rendered once, invisibly, ahead of any press (SlideRehearsal). */
  rehearsal: PresentedSlide[];
  /** Themes whose first slide has been rehearsed. */
  rehearsed: string[];
}

const keyStorageName = (name: string) => `hallcue.screen.key.${name}`;
const CLOCK_SAMPLES_AT_CONNECT = 6;
const CLOCK_REFRESH_MS = 5_000;
/** The longest a first slide stays rendered for its rehearsal. */
const REHEARSAL_MAX_MS = 1000;
const CLOCK_SAMPLES_AT_REFRESH = 4;
const HEARTBEAT_MS = 5_000;
const MEDIA_RETRY_MS = 2_000;
const FRAMES_PER_CADENCE_RUN = 20;
/** Waits before each attempt to open the files session (see openFilesSession). */
const SESSION_RETRY_MS = [0, 500, 1000, 2000, 4000];
/** How often the link asks whether to give up on an unreachable controller node. */
const FAILOVER_CHECK_MS = 500;

type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

/**
 * The screen's connection to its controller: identity, clock sync and the state it shows.
 * Everything it receives is validated; anything older than what is on screen is ignored.
 *
 * Given several controller nodes (a cluster sharing one hall), it follows one at a time and moves
 * to the next when that one stops answering (src-shared/failover.ts decides when and where to),
 * keeping the current picture on screen throughout. The new node's welcome and state bring it up
 * to date; a state it already shows is not shown again.
 */
export class ScreenLink {
  readonly store: StoreApi<ScreenView>;
  readonly clock = new ClockSync();
  private readonly cadence = new FrameCadence();
  private socket: ScreenSocket | null = null;
  private readonly rotation: ControllerRotation;
  private failoverTimer: ReturnType<typeof setInterval> | undefined;
  private moveTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private latest: ScreenState = EMPTY_SCREEN_STATE;
  private screenId: string | null = null;
  private hallId: string | null = null;
  private filesSession: Promise<void> | null = null;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  private identifyTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private readonly prefetcher: FilePrefetcher;
  private readonly host = hostApi();
  private readonly laterWarmer = new LaterSlideWarmer(warmInPage);
  private readonly warmer = new FirstSlideWarmer(
    // The URL the presentation's media resolve to (mediaUrl), so a press finds them decoded.
    (sha256) => resolveUrl(`/files/${sha256}`, this.mediaUrl, this.host),
    warmInPage,
    (warm) => {
      this.store.setState({ warm });
      this.rehearsal.warm(warm);
    },
  );
  private readonly rehearsal = new SlideRehearsal(
    (rehearsal, rehearsed) => this.store.setState({ rehearsal, rehearsed }),
    // Three frames, or a second at most: a page whose frames stall must not keep it on.
    () =>
      Promise.race([
        collectFrames(3),
        new Promise((resolve) => setTimeout(resolve, REHEARSAL_MAX_MS)),
      ]),
  );

  constructor(
    private readonly params: ScreenParams,
    private readonly storage: Storage,
  ) {
    this.rotation = new ControllerRotation(params.controllerUrls, params.name, Date.now());
    this.prefetcher = new FilePrefetcher(
      () => this.mediaUrl,
      storage,
      (files) => {
        this.warmer.holding(files);
        if (this.socket?.connected) this.socket.emit('holding', { files });
      },
    );
    this.store = createStore<ScreenView>(() => ({
      status: 'connecting',
      name: params.name,
      controllerUrl: this.rotation.current,
      hallName: null,
      shown: EMPTY_SCREEN_STATE,
      staged: null,
      refusal: null,
      pairingCode: null,
      identify: null,
      warm: [],
      rehearsal: [],
      rehearsed: [],
    }));
    const remembered = loadRemembered(storage);
    if (remembered) {
      this.hallId = remembered.hallId;
      this.latest = remembered.state;
      this.clock.assume(remembered.offsetMs);
      this.store.setState({ shown: remembered.state, status: 'offline' });
    }
  }

  /** The controller node followed now: where the socket goes. */
  get controllerUrl(): string {
    return this.rotation.current;
  }

  /**
   * Where media, file prefetches and the files session go. A browser page served by one of the
   * listed nodes may load media from that node only (the controller's Content-Security-Policy
   * says 'self'), and in a cluster every node serves the same files: so from its own origin,
   * whichever node the socket follows. The screen app (its files come through its own cache) and
   * pages served from anywhere else load from the node they follow.
   */
  get mediaUrl(): string {
    const origin = globalThis.location?.origin;
    if (!this.host && origin && this.params.controllerUrls.includes(origin)) return origin;
    return this.controllerUrl;
  }

  start(): void {
    this.connect(this.rotation.current);
    this.failoverTimer = setInterval(() => this.failOverIfDue(), FAILOVER_CHECK_MS);
    this.clockTimer = setInterval(
      () => void this.syncClock(CLOCK_SAMPLES_AT_REFRESH),
      CLOCK_REFRESH_MS,
    );
    // The app's watchdog reloads a page that stops beating (a hung renderer, a stuck frame).
    this.heartbeatTimer = setInterval(() => {
      const shown = this.store.getState().shown;
      const slide = shown.presentation ? this.slide : null;
      void this.host?.heartbeat({ revision: shown.revision, slide }).catch(() => undefined);
    }, HEARTBEAT_MS);
  }

  /** Opens the socket to one controller node and wires its events. */
  private connect(url: string): void {
    this.store.setState({ controllerUrl: url });
    const socket: ScreenSocket = io(`${url}${SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      // A function, so every reconnection (and every node) gets the key issued on the last one:
      // the nodes of a cluster share one screen registry.
      auth: (cb) => {
        const key = this.storage.getItem(keyStorageName(this.params.name));
        const app = this.host ? this.host.version.slice(0, 40) : 'browser';
        cb(key ? { name: this.params.name, key, app } : { name: this.params.name, app });
      },
      ...SCREEN_RECONNECT,
      // Its own connection: coming back to a node later must not reuse a closed one.
      forceNew: true,
    });
    this.socket = socket;
    // The transport opened: the node is alive and busy with the handshake (rotation.answered).
    socket.io.on('open', () => {
      if (this.socket === socket) this.rotation.answered(Date.now());
    });

    socket.on('connect', () => {
      this.rotation.connected();
      this.clock.reset();
      // A burst at connect, then more once the page has settled: the fastest round trips make
      // the best estimate, and a page that is still loading rarely gets them.
      void this.syncClock(CLOCK_SAMPLES_AT_CONNECT).then(() =>
        setTimeout(() => void this.syncClock(CLOCK_SAMPLES_AT_CONNECT), 1500),
      );
    });
    socket.on('disconnect', (reason) => {
      this.rotation.lost(Date.now());
      this.store.setState({ status: 'offline' });
      // The controller hung up on purpose (revoked): come back as a new pairing.
      if (reason === 'io server disconnect') {
        setTimeout(() => {
          if (this.socket === socket) socket.connect();
        }, 1000);
      }
    });
    socket.on('connect_error', (error) => {
      this.rotation.attemptFailed(Date.now());
      this.store.setState({
        status: this.store.getState().shown.revision > 0 ? 'offline' : 'connecting',
        refusal: error.message,
      });
      this.failOverIfDue();
    });
    socket.on('welcome', (welcome) => this.onWelcome(welcome));
    socket.on('approval', ({ approved }) => {
      if (approved && this.screenId) {
        this.filesSession = this.openFilesSession(this.screenId);
        this.store.setState({ status: 'online', pairingCode: null });
      } else if (!approved) {
        // Revoked: stop showing the hall's content at once and forget it.
        this.latest = EMPTY_SCREEN_STATE;
        this.warmer.want([]);
        remember(this.storage, null);
        this.store.setState({
          status: 'waiting-approval',
          shown: EMPTY_SCREEN_STATE,
          staged: null,
        });
      }
    });
    socket.on('state', (raw) => void this.onState(raw));
    socket.on('identify', ({ label, durationMs }) => {
      clearTimeout(this.identifyTimer);
      this.store.setState({ identify: String(label).slice(0, 64) });
      this.identifyTimer = setTimeout(
        () => this.store.setState({ identify: null }),
        Math.min(30_000, Math.max(1000, Number(durationMs) || 5000)),
      );
    });
    socket.on('reload', () => window.location.reload());
    socket.on('screenshot', (reply) => {
      if (typeof reply !== 'function') return;
      const take = this.host?.screenshot;
      if (!take) {
        reply({
          ok: false,
          error: 'this screen is a browser page, which cannot take screenshots; the screen app can',
        });
        return;
      }
      void take.call(this.host).then(
        (dataUrl) => reply({ ok: true, data: { dataUrl } }),
        (error: unknown) => reply({ ok: false, error: `screenshot failed: ${String(error)}` }),
      );
    });
    socket.on('prefetch', (raw) => {
      const parsed = prefetchSchema.safeParse(raw);
      if (!parsed.success) return;
      this.rehearsal.want(parsed.data.firstSlides ?? [], (slide) =>
        mapSlideUrls(slide, (url) => resolveUrl(url, this.mediaUrl, this.host)),
      );
      this.warmer.want(parsed.data.firstSlides ?? []);
      const host = this.host;
      if (host) {
        // The screen app fills its own verified disk cache and tells us what it holds.
        void host.prefetch(parsed.data.files).then(
          ({ held }) => {
            this.warmer.holding(held);
            this.socket?.emit('holding', { files: held });
          },
          () => undefined,
        );
        return;
      }
      // Media needs the files cookie; wait for it before fetching anything.
      void Promise.resolve(this.filesSession).then(() => this.prefetcher.want(parsed.data.files));
    });
  }

  /**
   * Leaves the current node for the next one when the policy says it has been unreachable long
   * enough, after a random wait so its other screens do not all arrive at once. The picture on
   * screen stays as it is meanwhile.
   */
  private failOverIfDue(): void {
    if (this.stopped || this.moveTimer !== undefined) return;
    if (!this.rotation.shouldMove(Date.now())) return;
    const from = this.rotation.current;
    const { url, delayMs } = this.rotation.advance(Date.now(), Math.random);
    const old = this.socket;
    this.socket = null;
    old?.removeAllListeners();
    old?.close();
    this.store.setState({
      status: this.store.getState().shown.revision > 0 ? 'offline' : 'connecting',
    });
    console.info(`[hallcue] controller ${from} unreachable; trying ${url} in ${delayMs} ms`);
    this.moveTimer = setTimeout(() => {
      this.moveTimer = undefined;
      if (!this.stopped) this.connect(url);
    }, delayMs);
  }

  /** The slide on screen, as the player last reported it (for the heartbeat). */
  slide = 0;

  stop(): void {
    this.stopped = true;
    clearInterval(this.clockTimer);
    clearInterval(this.heartbeatTimer);
    clearInterval(this.failoverTimer);
    clearTimeout(this.moveTimer);
    this.socket?.close();
  }

  /** `state` with its URLs on the node followed now (followController). */
  private followed(state: ScreenState, options?: { override: boolean }): ScreenState {
    return followController(state, this.params.controllerUrls, this.mediaUrl, options);
  }

  private onWelcome(welcome: ScreenWelcome) {
    if (welcome.key) this.storage.setItem(keyStorageName(this.params.name), welcome.key);
    const key = this.storage.getItem(keyStorageName(this.params.name));
    if (this.host && key) {
      void this.host
        .setCredentials({
          controllerUrl: this.controllerUrl,
          screenId: welcome.screenId,
          key,
        })
        .catch(() => undefined);
    }
    this.screenId = welcome.screenId;
    // After a failover the picture on screen may still load its later slides from the node that
    // went away: from now on they come from this one. Same theme, same timeline: nothing restarts.
    const shown = this.store.getState().shown;
    const followed = this.followed(shown, { override: false });
    if (followed !== shown) {
      if (this.latest === shown) this.latest = followed;
      this.store.setState({ shown: followed });
    }
    if (this.hallId !== welcome.hallId) {
      // A different hall (or a fresh store): its revisions start again, so nothing remembered
      // from before may block them.
      this.hallId = welcome.hallId;
      this.latest = EMPTY_SCREEN_STATE;
    }
    if (welcome.approved) this.filesSession = this.openFilesSession(welcome.screenId);
    this.store.setState({
      status: welcome.approved ? 'online' : 'waiting-approval',
      hallName: welcome.hallName,
      refusal: null,
      pairingCode: welcome.pairingCode ?? null,
    });
  }

  /** Trades the screen key for a cookie that lets this page load pack files. */
  private async openFilesSession(screenId: string): Promise<void> {
    const key = this.storage.getItem(keyStorageName(this.params.name));
    // In the screen app, files come through its disk cache, which presents the key itself.
    if (!key || this.host) return;
    // Media may come from another node than the one that welcomed this screen (mediaUrl), and
    // a cluster's nodes learn of a newly paired screen a moment apart: a refusal is retried for
    // a few seconds before media is left to its own retries.
    for (const waitMs of SESSION_RETRY_MS) {
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      try {
        const response = await fetch(`${this.mediaUrl}/api/screens/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ screenId, key }),
          credentials: 'include',
        });
        if (response.ok || response.status === 400) return;
      } catch {
        // Offline: media already cached keeps playing; the next welcome retries.
      }
    }
  }

  private async syncClock(samples: number) {
    for (let i = 0; i < samples; i++) {
      const socket = this.socket;
      if (!socket?.connected) return;
      const sentAt = localNow();
      try {
        const reply = await socket.timeout(2000).emitWithAck('time', { sentAt });
        const receivedAt = localNow();
        if (reply.ok) this.clock.add({ sentAt, serverTime: reply.data.serverTime, receivedAt });
      } catch {
        return;
      }
    }
    await this.reportFrameClock();
  }

  /** Tells the controller where this display's frames fall, in controller time (FrameCadence). */
  private async reportFrameClock() {
    const frames = await collectFrames(FRAMES_PER_CADENCE_RUN);
    const cadence = this.cadence.observe(frames.map(frameNow));
    if (!cadence || !this.clock.synced || this.store.getState().status !== 'online') return;
    this.socket?.emit('frameClock', {
      frameAt: this.clock.toController(cadence.frameAt),
      intervalMs: cadence.intervalMs,
    });
  }

  private async onState(raw: unknown) {
    const parsed = screenStateSchema.safeParse(raw);
    if (!parsed.success) return; // A malformed state must never reach the visitors.
    const override = parsed.data.override;
    const resolved: ScreenState =
      override?.kind === 'emergency' && override.media
        ? {
            ...parsed.data,
            // Emergency media resolves like slide media: from the app's cache when it has it.
            override: {
              ...override,
              media: {
                ...override.media,
                url: resolveUrl(override.media.url, this.mediaUrl, this.host),
              },
            },
          }
        : parsed.data;
    const incoming: ScreenState = resolved.presentation
      ? {
          ...resolved,
          presentation: resolvePresentation(resolved.presentation, this.mediaUrl, this.host),
        }
      : resolved;
    if (!isNewerState(this.latest, incoming)) return;
    this.latest = incoming;

    const receivedAt = this.clock.controllerNow();
    await this.filesSession;
    if (incoming.override) {
      // An emergency never waits on a theme, and waits on its own image or video only briefly:
      // the message must appear even if the media cannot load.
      const media = this.followed(incoming).override;
      if (media?.kind === 'emergency' && media.media) {
        await preloadOverride(media.media.url, media.media.type);
      }
    } else {
      // Never half-loaded: until the first slide's files load, the current theme stays on screen.
      // When they do, the screen joins the new theme where its timeline is by then. Each try
      // loads from the node followed at the time, so a failover meanwhile does not strand it.
      for (;;) {
        const presentation = this.followed(incoming).presentation;
        if (!presentation || (await preloadFirstSlide(presentation))) break;
        if (this.latest !== incoming) return;
        await new Promise((resolve) => setTimeout(resolve, MEDIA_RETRY_MS));
      }
    }
    if (this.latest !== incoming) return; // A newer press overtook this one while loading.
    const ready = this.followed(incoming);
    this.latest = ready;
    const readyAt = this.clock.controllerNow();
    if (ready.presentation && !ready.override) this.store.setState({ staged: ready });

    // Flip-on-receipt exists only to compare against (docs/sync.md): it flips as soon as ready.
    const target = ready.flip === 'receipt' ? readyAt : (ready.flipAt ?? ready.startAt);
    const frameTime = await this.flipOnFrameNearest(target, () => {
      if (this.latest !== ready) return false;
      // Render synchronously inside the animation frame, so this very frame paints the change.
      flushSync(() => this.store.setState({ shown: ready, staged: null }));
      return true;
    });
    if (frameTime === null) return;
    // After the flip, shortly before the next slide is due (laterWarmDelayMs).
    const { presentation } = ready;
    if (presentation) {
      const delayMs = laterWarmDelayMs(
        this.clock.toController(frameTime) - ready.startAt,
        presentation.slides.map((slide) => slide.durationMs),
      );
      setTimeout(() => {
        if (this.latest === ready) this.laterWarmer.warmAll(laterMediaOf(presentation));
      }, delayMs);
    }
    const report = {
      revision: ready.revision,
      presentedAt: this.clock.toController(frameTime),
      receivedAt,
      readyAt,
    };
    setTimeout(() => this.socket?.emit('presented', report), presentedReportDelayMs());
    if (this.hallId) {
      remember(this.storage, {
        hallId: this.hallId,
        state: ready,
        offsetMs: this.clock.current?.offsetMs ?? 0,
      });
    }
  }

  /**
   * Runs `flip` inside the animation frame nearest `controllerTime` (onFrameNearest) and resolves
   * with that frame's local time, or null if `flip` declined.
   */
  private flipOnFrameNearest(controllerTime: number, flip: () => boolean): Promise<number | null> {
    return new Promise((resolve) => {
      onFrameNearest(
        this.clock.toLocal(controllerTime),
        (frame) => resolve(flip() ? frame : null),
        this.frameIntervalMs,
      );
    });
  }

  /** The display's frame interval as learned from animation frames. */
  get frameIntervalMs(): number | undefined {
    return this.cadence.intervalMs ?? undefined;
  }
}
