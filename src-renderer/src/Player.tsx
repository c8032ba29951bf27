import { useEffect, useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Presentation, PresentedSlide } from '../../src-shared/presentation';
import { positionAt, type TimelinePosition } from '../../src-shared/timeline';
import { SlideView } from './slides/SlideView';

interface Layer {
  id: string;
  slide: PresentedSlide;
  index: number;
  /** Where in the slide playback starts (ms), so a late joiner's video is in step. */
  offsetMs: number;
}

const TRANSITION_MS = 900;

const durationsOf = (presentation: Presentation) => presentation.slides.map((s) => s.durationMs);

function layerAt(presentation: Presentation, position: TimelinePosition): Layer {
  const slide = presentation.slides[position.index] ?? presentation.slides[0];
  if (!slide) throw new Error('presentation without slides');
  return {
    id: `${position.loop}:${position.index}`,
    slide,
    index: position.index,
    offsetMs: position.offsetMs,
  };
}

/**
 * Plays a presentation on the shared timeline: the slide on screen is a pure function of
 * controller time since `startAt`, so every screen advances together with no messages.
 */
export function Player(props: {
  presentation: Presentation;
  startAt: number;
  now: () => number;
  /**
   * Runs a callback in the animation frame nearest a controller time: slide changes happen in
   * the same frame on every screen of a display, like theme flips (onFrameNearest).
   */
  schedule: (controllerTime: number, run: () => void) => () => void;
  /** Rendered ahead of its flip, invisible; the flip makes it the live one. */
  staged?: boolean;
  onSlide?: (index: number) => void;
}) {
  const { presentation, startAt, now, schedule, onSlide, staged = false } = props;
  const [layers, setLayers] = useState<Layer[]>(() => [
    layerAt(presentation, positionAt(now() - startAt, durationsOf(presentation))),
  ]);
  const current = layers[layers.length - 1];
  const currentIndex = current?.index ?? 0;

  // A layout effect: the slide number reaches the page (data-slide) in the frame that shows it.
  // The staged player becomes the shown one at the flip (same key), gaining onSlide: report then
  // too, not only when the slide changes.
  useLayoutEffect(() => onSlide?.(currentIndex), [currentIndex, onSlide]);

  useEffect(() => {
    const durations = durationsOf(presentation);
    /** When the slide after the one at `elapsed` (ms since startAt) begins, in controller time. */
    const nextBoundary = (elapsed: number) =>
      startAt + Math.max(0, elapsed) + positionAt(elapsed, durations).remainingMs;
    let cancel = () => {};
    const advance = (boundary: number) => {
      // Just past the boundary, so floating-point noise cannot land on the slide before it.
      const next = layerAt(presentation, positionAt(boundary - startAt + 0.5, durations));
      // Synchronously, inside the boundary's frame: that frame paints the new slide.
      flushSync(() =>
        setLayers((old) => {
          const top = old[old.length - 1];
          if (top?.id === next.id) return old;
          // Keep the outgoing slide underneath until the incoming one has fully faded in.
          return top ? [top, next] : [next];
        }),
      );
      const following = nextBoundary(boundary - startAt + 0.5);
      cancel = schedule(following, () => advance(following));
    };
    const first = nextBoundary(now() - startAt);
    cancel = schedule(first, () => advance(first));
    return () => cancel();
  }, [presentation, startAt, now, schedule]);

  useEffect(() => {
    if (layers.length < 2) return;
    const timer = setTimeout(() => setLayers((old) => old.slice(-1)), TRANSITION_MS + 100);
    return () => clearTimeout(timer);
  }, [layers]);

  return (
    <div className={staged ? 'player staged' : 'player'} aria-hidden={staged}>
      {layers.map((layer, i) => (
        <div
          key={layer.id}
          className={`layer ${i === layers.length - 1 && layers.length > 1 ? `enter-${layer.slide.transition}` : ''}`}
        >
          <SlideView slide={layer.slide} offsetMs={layer.offsetMs} now={now} />
        </div>
      ))}
    </div>
  );
}
