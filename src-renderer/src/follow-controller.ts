import type { ScreenState } from '../../src-shared/hall-state';
import { mapPresentationUrls } from './host-bridge';

/**
 * `state` with every URL that points at one of `controllerUrls` moved to `current`, or `state`
 * itself when none does. After a failover the state on screen (or remembered from before a
 * restart) may still name the node that died; its later slides and media must come from the node
 * the screen follows now. The player keeps the slide on screen (same theme and startAt), so only
 * what loads from now on changes.
 */
export function followController(
  state: ScreenState,
  controllerUrls: readonly string[],
  current: string,
  /**
   * Whether to move the override's media too. Not for the state on screen: its image or video
   * is loaded already, and a new URL would load it again (a video would restart).
   */
  options: { override: boolean } = { override: true },
): ScreenState {
  const others = controllerUrls.filter((url) => url !== current).map((url) => `${url}/`);
  let changed = false;
  const map = (url: string) => {
    const from = others.find((prefix) => url.startsWith(prefix));
    if (from === undefined) return url;
    changed = true;
    return `${current}/${url.slice(from.length)}`;
  };
  const presentation = state.presentation
    ? mapPresentationUrls(state.presentation, map)
    : state.presentation;
  const override =
    options.override && state.override?.kind === 'emergency' && state.override.media
      ? {
          ...state.override,
          media: { ...state.override.media, url: map(state.override.media.url) },
        }
      : state.override;
  return changed ? { ...state, presentation, override } : state;
}
