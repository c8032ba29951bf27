/** How this screen page was asked to run: its name and which controller to follow. */
export interface ScreenParams {
  name: string;
  controllerUrl: string;
  /** Test and benchmark aid: pretend this page's clock is off by this many ms. */
  clockShiftMs: number;
}

const NAME_KEY = 'hallcue.screen.name';

/**
 * Reads `?screen=NAME` (and optionally `&controller=URL`). A page opened without a name invents
 * one and keeps it, so a reload is still the same screen to the controller.
 */
export function readScreenParams(location: Location, storage: Storage): ScreenParams {
  const query = new URLSearchParams(location.search);
  let name = query.get('screen')?.trim();
  if (!name) {
    name = storage.getItem(NAME_KEY) ?? `screen-${Math.random().toString(36).slice(2, 6)}`;
    storage.setItem(NAME_KEY, name);
  }
  return {
    name,
    controllerUrl: query.get('controller') ?? location.origin,
    clockShiftMs: Number(query.get('clockShift') ?? 0) || 0,
  };
}
