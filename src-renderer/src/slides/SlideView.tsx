import { useEffect, useRef } from 'react';
import type { Localized } from '../../../src-shared/localized';
import type { PresentedSlide } from '../../../src-shared/presentation';
import { correctVideo } from '../video-sync';
import { ModelSlide } from './ModelSlide';
import { SlideQr } from './SlideQr';

function Caption({ caption }: { caption: Localized | undefined }) {
  if (!caption) return null;
  return (
    <div className="caption">
      <div className="caption-zh" lang="zh-CN">
        {caption.zh}
      </div>
      <div className="caption-en" lang="en">
        {caption.en}
      </div>
    </div>
  );
}

function VideoSlide({
  slide,
  offsetMs,
  now,
}: {
  slide: Extract<PresentedSlide, { type: 'video' }>;
  offsetMs: number;
  now?: (() => number) | undefined;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    // Controller time at which this slide's video started on the shared timeline.
    const startedAt = (now ?? Date.now)() - offsetMs;
    const elapsed = () => ((now ?? Date.now)() - startedAt) / 1000;
    const seek = () => {
      // Join the shared timeline where it is now, not at the video's first frame.
      if (Number.isFinite(video.duration) && video.duration > 0) {
        video.currentTime = elapsed() % video.duration;
      }
      void video.play().catch(() => undefined);
    };
    if (video.readyState >= 1) seek();
    else video.addEventListener('loadedmetadata', seek, { once: true });
    // Screens decode at slightly different speeds; nudge every half second to stay in step.
    const timer = setInterval(() => {
      if (video.readyState < 2 || video.paused) return;
      const fix = correctVideo(video.currentTime, video.duration, elapsed());
      if ('seekTo' in fix) video.currentTime = fix.seekTo;
      else if (video.playbackRate !== fix.playbackRate) video.playbackRate = fix.playbackRate;
    }, 500);
    return () => {
      clearInterval(timer);
      video.removeEventListener('loadedmetadata', seek);
    };
  }, [offsetMs, now]);
  return (
    <video
      ref={ref}
      className="media cover"
      src={slide.url}
      poster={slide.posterUrl}
      muted
      loop
      playsInline
      autoPlay
      preload="auto"
      disablePictureInPicture
    />
  );
}

/** One slide, full-window, with a QR code to the theme's visitor page when it asks for one. */
export function SlideView(props: { slide: PresentedSlide; offsetMs: number; now?: () => number }) {
  return (
    <>
      <SlideBody {...props} />
      {props.slide.qrUrl && <SlideQr url={props.slide.qrUrl} />}
    </>
  );
}

/** The slide itself. Chinese first, English beneath, as the hall's signage does. */
function SlideBody({
  slide,
  offsetMs,
  now,
}: {
  slide: PresentedSlide;
  offsetMs: number;
  /** Controller time, for keeping videos on the shared timeline. */
  now?: () => number;
}) {
  switch (slide.type) {
    case 'image':
      return (
        <div className="slide slide-image">
          <img className={`media ${slide.fit}`} src={slide.url} alt="" draggable={false} />
          <Caption caption={slide.caption} />
        </div>
      );
    case 'video':
      return (
        <div className="slide slide-video">
          <VideoSlide slide={slide} offsetMs={offsetMs} now={now} />
          <Caption caption={slide.caption} />
        </div>
      );
    case 'html':
      return (
        <div className="slide slide-html">
          {/* No allow-same-origin: the page gets an opaque origin, no cookies, no parent. */}
          <iframe
            className="media"
            src={slide.url}
            sandbox="allow-scripts"
            referrerPolicy="no-referrer"
            title=""
          />
          <Caption caption={slide.caption} />
        </div>
      );
    case 'model':
      return (
        <div className="slide slide-model">
          <ModelSlide slide={slide} now={now ?? Date.now} />
          <Caption caption={slide.caption} />
        </div>
      );
    case 'text':
      return (
        <div className="slide slide-text">
          {slide.backgroundUrl && (
            <img className="media cover" src={slide.backgroundUrl} alt="" draggable={false} />
          )}
          <div className="text-panel">
            <h1 className="text-title-zh" lang="zh-CN">
              {slide.title.zh}
            </h1>
            <h2 className="text-title-en" lang="en">
              {slide.title.en}
            </h2>
            {slide.body && (
              <>
                <div className="rule" />
                <p className="text-body-zh" lang="zh-CN">
                  {slide.body.zh}
                </p>
                <p className="text-body-en" lang="en">
                  {slide.body.en}
                </p>
              </>
            )}
          </div>
          <Caption caption={slide.caption} />
        </div>
      );
  }
}
