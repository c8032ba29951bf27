import type { Rectangle } from 'electron';
import type { DisplayConfig, ScreenConfig } from './config';

/** The part of an Electron Display this app cares about. */
export interface DisplayLike {
  id: number;
  bounds: Rectangle;
}

/** One display and the screen it should show. */
export interface ScreenAssignment extends DisplayConfig {
  displayId: number;
  bounds: Rectangle;
}

/**
 * Names every display: its entry in `config.displays` (by id, then by 0-based index), otherwise
 * `defaultName`, suffixed `-1`, `-2`, ... when there is more than one display.
 */
export function assignScreens(
  config: ScreenConfig,
  displays: readonly DisplayLike[],
): ScreenAssignment[] {
  return displays.map((display, index) => {
    const configured = config.displays[String(display.id)] ?? config.displays[String(index)];
    const name =
      configured?.name ??
      (displays.length > 1 ? `${config.defaultName}-${index + 1}` : config.defaultName);
    const assignment: ScreenAssignment = { displayId: display.id, bounds: display.bounds, name };
    if (configured?.role !== undefined) assignment.role = configured.role;
    return assignment;
  });
}
