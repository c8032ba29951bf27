import { describe, expect, it } from 'vitest';
import type { ScreenConfig } from '../../../src-main/config';
import { assignScreens, type DisplayLike } from '../../../src-main/screen-assignment';

const bounds = (x: number) => ({ x, y: 0, width: 1920, height: 1080 });
const display = (id: number, x = 0): DisplayLike => ({ id, bounds: bounds(x) });
const config = (displays: ScreenConfig['displays'] = {}): ScreenConfig => ({
  controllerUrls: ['http://hall'],
  displays,
  defaultName: 'hall',
});

describe('assignScreens', () => {
  it('uses the default name alone for a single display', () => {
    expect(assignScreens(config(), [display(7)])).toEqual([
      { displayId: 7, bounds: bounds(0), name: 'hall' },
    ]);
  });

  it('numbers the default name from 1 when there are several displays', () => {
    const names = assignScreens(config(), [display(7), display(9, 1920)]).map((a) => a.name);
    expect(names).toEqual(['hall-1', 'hall-2']);
  });

  it('prefers a display id entry, then an index entry', () => {
    const assignments = assignScreens(
      config({ '9': { name: 'by-id', role: 'side' }, '0': { name: 'by-index' } }),
      [display(7), display(9, 1920), display(11, 3840)],
    );
    expect(assignments).toEqual([
      { displayId: 7, bounds: bounds(0), name: 'by-index' },
      { displayId: 9, bounds: bounds(1920), name: 'by-id', role: 'side' },
      { displayId: 11, bounds: bounds(3840), name: 'hall-3' },
    ]);
  });

  it('returns nothing without displays', () => {
    expect(assignScreens(config(), [])).toEqual([]);
  });
});
