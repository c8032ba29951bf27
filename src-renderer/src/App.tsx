import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import { onFrameNearest } from './frame-schedule';
import { IdleScreen } from './IdleScreen';
import { Player } from './Player';
import type { ScreenLink } from './screen-link';

/** The whole screen: the theme being played, or a calm idle picture when there is none. */
export function App({ link }: { link: ScreenLink }) {
  const view = useStore(link.store);
  const [slide, setSlide] = useState(0);
  const now = useCallback(() => link.clock.controllerNow(), [link]);
  const schedule = useCallback(
    (controllerTime: number, run: () => void) =>
      onFrameNearest(link.clock.toLocal(controllerTime), run, link.frameIntervalMs),
    [link],
  );
  const onSlide = useCallback(
    (index: number) => {
      link.slide = index;
      setSlide(index);
    },
    [link],
  );
  const { shown, staged } = view;
  const presentation = shown.presentation;
  const stagedPresentation =
    staged && staged.revision !== shown.revision ? staged.presentation : null;
  return (
    <div
      id="screen-root"
      data-status={view.status}
      data-theme={presentation?.themeKey ?? ''}
      data-revision={shown.revision}
      data-slide={presentation ? slide : ''}
    >
      {presentation ? (
        <Player
          key={shown.revision}
          presentation={presentation}
          startAt={shown.startAt}
          now={now}
          schedule={schedule}
          onSlide={onSlide}
        />
      ) : (
        <IdleScreen view={view} />
      )}
      {staged && stagedPresentation && (
        <Player
          key={staged.revision}
          staged
          presentation={stagedPresentation}
          startAt={staged.startAt}
          now={now}
          schedule={schedule}
        />
      )}
    </div>
  );
}
