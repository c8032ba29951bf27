import { parseControllerUrls } from '../../src-shared/failover';

/** How this screen page was asked to run: its name and which controllers to follow. */
export interface ScreenParams {
  name: string;
  /**
   * Every controller node this screen may follow, as origins, without repeats; never empty.
   * Which one it follows at a given moment is ScreenLink's `controllerUrl`.
   */
  controllerUrls: string[];
  /** Test and benchmark aid: pretend this page's clock is off by this many ms. */
  clockShiftMs: number;
}

const NAME_KEY = 'hallcue.screen.name';

/**
 * Reads `?screen=NAME` and any number of `&controller=URL` (the nodes of a cluster; the page's
 * own origin when there is none). A page opened without a name invents one and keeps it, so a
 * reload is still the same screen to the controller. A controller parameter that is not a plain
 * http(s) origin is left out with a console warning rather than stopping the screen.
 */
export function readScreenParams(
  location: Pick<Location, 'search' | 'origin'>,
  storage: Storage,
  warn: (message: string) => void = (message) => console.warn(message),
): ScreenParams {
  const query = new URLSearchParams(location.search);
  let name = query.get('screen')?.trim();
  if (!name) {
    name = storage.getItem(NAME_KEY) ?? `screen-${Math.random().toString(36).slice(2, 6)}`;
    storage.setItem(NAME_KEY, name);
  }
  const given = query.getAll('controller');
  const { urls, problems } = parseControllerUrls(given);
  for (const problem of problems) warn(`[hallcue] controller parameter ignored: ${problem}`);
  if (given.length > 0 && urls.length === 0) {
    warn(`[hallcue] no usable controller parameter; following ${location.origin}`);
  }
  return {
    name,
    controllerUrls: urls.length > 0 ? urls : [location.origin],
    clockShiftMs: Number(query.get('clockShift') ?? 0) || 0,
  };
}
