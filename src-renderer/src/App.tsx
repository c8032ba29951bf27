import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import { onFrameNearest } from './frame-schedule';
import { IdleScreen } from './IdleScreen';
import { IdentifyOverlay, OverrideView } from './OverrideView';
import { Player } from './Player';
import { SlideView } from './slides/SlideView';
import type { ScreenLink } from './screen-link';

/** The same theme on the same timeline keeps its player: an override coming and going does not
 * restart a theme that is still running underneath. */
const playerKey = (state: { startAt: number; presentation: { themeKey: string } | null }) =>
  `${state.startAt}:${state.presentation?.themeKey ?? ''}`;

/** The whole screen: an override, the theme being played, or a calm idle picture. */
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
  const override = shown.override ?? null;
  const presentation = shown.presentation;
  // The staged player carries the key it will have once shown: at the flip React keeps it (its
  // DOM, decoded images and started video) and only its opacity changes, instead of building and
  // painting a whole slide in the flip frame. A staged state on the very same timeline as the
  // shown one (a new revision that only clears an override, say) needs no second player.
  const stagedPresentation =
    staged &&
    staged.revision !== shown.revision &&
    !override &&
    !(presentation && playerKey(staged) === playerKey(shown))
      ? staged.presentation
      : null;
  return (
    <div
      id="screen-root"
      data-status={view.status}
      data-controller={view.controllerUrl}
      data-theme={presentation?.themeKey ?? ''}
      data-override={override?.kind ?? ''}
      data-revision={shown.revision}
      data-slide={presentation && !override ? slide : ''}
      data-warm={view.warm.join(' ')}
      data-rehearsed={view.rehearsed.join(' ')}
    >
      {view.rehearsal.length > 0 && (
        // Behind everything and invisible: see SlideRehearsal.
        <div className="rehearsal" aria-hidden>
          {view.rehearsal.map((slide, i) => (
            <div key={i} className="layer">
              <SlideView slide={slide} offsetMs={0} />
            </div>
          ))}
        </div>
      )}
      {override ? (
        <OverrideView override={override} />
      ) : presentation ? (
        <Player
          key={playerKey(shown)}
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
          key={playerKey(staged)}
          staged
          presentation={stagedPresentation}
          startAt={staged.startAt}
          now={now}
          schedule={schedule}
        />
      )}
      {view.identify && <IdentifyOverlay label={view.identify} />}
    </div>
  );
}
