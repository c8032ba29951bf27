import { useEffect, useState } from 'react';
import type { ScreenState } from '../../../src-shared/hall-state';
import type { PresentedSlide } from '../../../src-shared/presentation';
import { positionAt } from '../../../src-shared/timeline';

/** Ticks once a second: miniatures follow the shared timeline, slide by slide. */
function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A still of one slide, drawn from the same presented slide the screen renders. The console may
 * not import the screen renderer, so this is a deliberately small copy of its markup: images and
 * posters as pictures, text slides as their title, videos and web pages as labelled cards.
 */
function SlideStill({ slide }: { slide: PresentedSlide }) {
  switch (slide.type) {
    case 'image':
      return <img className={`mini-media ${slide.fit}`} src={slide.url} alt="" draggable={false} />;
    case 'video':
      return slide.posterUrl ? (
        <img className="mini-media cover" src={slide.posterUrl} alt="" draggable={false} />
      ) : (
        <div className="mini-card">▶</div>
      );
    case 'text':
      return (
        <div className="mini-text">
          {slide.backgroundUrl && (
            <img className="mini-media cover" src={slide.backgroundUrl} alt="" draggable={false} />
          )}
          <span lang="zh-CN">{slide.title.zh}</span>
        </div>
      );
    case 'html':
      return <div className="mini-card">⌂ web</div>;
  }
}

/**
 * What a screen shows, small: the override, the slide its theme's timeline is on now (the
 * console's clock stands in for the controller's, close enough for a thumbnail), or idle.
 */
export function Miniature({ state, online }: { state: ScreenState | undefined; online: boolean }) {
  const now = useSecond();
  let content;
  const override = state?.override;
  if (override?.kind === 'blackout') content = <div className="mini-black">■</div>;
  else if (override?.kind === 'emergency') {
    content = (
      <div className="mini-emergency">
        <span lang="zh-CN">{override.message.zh || override.message.en}</span>
      </div>
    );
  } else if (state?.presentation) {
    const slides = state.presentation.slides;
    const { index } = positionAt(
      now - state.startAt,
      slides.map((s) => s.durationMs),
    );
    const slide = slides[index] ?? slides[0];
    content = slide ? <SlideStill slide={slide} /> : null;
  } else content = <div className="mini-idle">idle</div>;
  return (
    <div className={`miniature ${online ? '' : 'offline'}`} aria-hidden>
      {content}
    </div>
  );
}
