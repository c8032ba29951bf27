import { useEffect, useRef, useState } from 'react';
import type { PresentedSlide } from '../../../src-shared/presentation';

/**
 * A 3D model turning slowly. three.js is loaded only when a model slide appears, so screens
 * that never show one never download it; the poster (if any) shows until the model is ready.
 */
export function ModelSlide({
  slide,
  now,
}: {
  slide: Extract<PresentedSlide, { type: 'model' }>;
  now: () => number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    import('./model-scene')
      .then(({ showTurningModel }) => {
        if (!host.current) return;
        return showTurningModel(host.current, slide.url, now).then((dispose) => {
          if (cancelled) dispose();
          else {
            stop = dispose;
            setState('ready');
          }
        });
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [slide.url, now]);
  return (
    <div className="model-stage" data-model-state={state}>
      {slide.posterUrl && state !== 'ready' && (
        <img className="media contain" src={slide.posterUrl} alt="" draggable={false} />
      )}
      <div className="model-canvas" ref={host} />
    </div>
  );
}
