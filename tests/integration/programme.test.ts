import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Programme } from '../../src-shared/programme';
import { localTimeIn, programmeAt } from '../../src-controller/server/programme/programme-clock';
import { startTestHall, type TestHall } from '../helpers/controller';

// Monday 23 November 2026, 08:00 in Shanghai (UTC+8, no daylight saving).
const MONDAY_0800 = Date.UTC(2026, 10, 23, 0, 0);
const at = (dayOffset: number, hhmm: string) =>
  MONDAY_0800 +
  dayOffset * 86_400_000 +
  ((Number(hhmm.slice(0, 2)) - 8) * 60 + Number(hhmm.slice(3))) * 60_000;

const weekdays = { open: '09:00', close: '17:00' };
const PROGRAMME: Programme = {
  enabled: true,
  hours: [null, weekdays, weekdays, weekdays, weekdays, weekdays, null],
  attractThemeKey: '1',
  whenClosed: 'blackout',
  slots: [{ id: 'talk', days: [1, 3], time: '14:00', themeKey: '3', minutes: 30 }],
};

describe('programmeAt', () => {
  const local = localTimeIn('Asia/Shanghai');
  it('knows what plays now, since when, and the next change, across days', () => {
    expect(programmeAt(PROGRAMME, local, at(0, '14:10'))).toMatchObject({
      action: { kind: 'slot', themeKey: '3', slotId: 'talk' },
      since: at(0, '14:00'),
      next: { action: { kind: 'attract', themeKey: '1' }, at: at(0, '14:30') },
    });
    // Tuesday has no talk: the attract loop runs until closing.
    expect(programmeAt(PROGRAMME, local, at(1, '14:10'))).toMatchObject({
      action: { kind: 'attract', themeKey: '1' },
      since: at(1, '09:00'),
      next: { action: { kind: 'closed' }, at: at(1, '17:00') },
    });
    // Friday evening: closed over the weekend, open again on Monday morning.
    expect(programmeAt(PROGRAMME, local, at(4, '18:00')).next).toEqual({
      action: { kind: 'attract', themeKey: '1' },
      at: at(7, '09:00'),
    });
  });

  it('runs in the given time zone', () => {
    // 14:10 in Shanghai is 07:10 in Berlin (winter): closed there.
    const berlin = localTimeIn('Europe/Berlin');
    expect(programmeAt(PROGRAMME, berlin, at(0, '14:10')).action.kind).toBe('closed');
  });
});

describe('the programme runner', () => {
  let hall: TestHall;
  let now = MONDAY_0800;
  beforeEach(async () => {
    now = MONDAY_0800;
    hall = await startTestHall({
      wallClock: () => now,
      timeZone: 'Asia/Shanghai',
      programmeTickMs: 0,
    });
  });
  afterEach(() => hall.cleanup());

  it('opens, plays the talk at its time, yields to a manual press until the next change, and survives a restart', async () => {
    const { controller } = hall;
    controller.programme.setProgramme(PROGRAMME);
    // 08:00: closed, so the screens go black.
    expect(controller.hall.current.override).toMatchObject({ kind: 'blackout', by: 'programme' });

    now = at(0, '09:00');
    controller.programme.tick();
    expect(controller.hall.current.override).toBeNull();
    expect(controller.hall.current.themeKey).toBe('1');

    // An operator presses 2 at 10:00: the programme holds off.
    now = at(0, '10:00');
    await controller.hall.activate('2', 'console@127.0.0.1');
    expect(controller.programme.status().overridden).toBe(true);
    now = at(0, '13:59');
    controller.programme.tick();
    expect(controller.hall.current.themeKey).toBe('2');

    // 14:00, the talk: the next scheduled change takes the hall back.
    now = at(0, '14:00');
    controller.programme.tick();
    expect(controller.hall.current.themeKey).toBe('3');
    expect(controller.hall.history(1)[0]?.requestedBy).toBe('programme');
    expect(controller.programme.status()).toMatchObject({
      overridden: false,
      next: { at: at(0, '14:30'), action: { kind: 'attract', themeKey: '1' } },
    });

    // A restart in the middle of the talk changes nothing on the screens.
    const revision = controller.hall.current.revision;
    const restarted = await hall.restart({
      wallClock: () => now,
      timeZone: 'Asia/Shanghai',
      programmeTickMs: 0,
    });
    expect(restarted.hall.current.revision).toBe(revision);
    expect(restarted.programme.status().programme).toEqual(PROGRAMME);

    // ...and one across a change catches up with it.
    await restarted.close();
    now = at(0, '14:45');
    const later = await hall.restart({
      wallClock: () => now,
      timeZone: 'Asia/Shanghai',
      programmeTickMs: 0,
    });
    expect(later.hall.current.themeKey).toBe('1');

    // "Resume programme" ends a manual press at once.
    await later.hall.activate('2', 'console@127.0.0.1');
    later.programme.resume();
    expect(later.hall.current.themeKey).toBe('1');
    expect(later.programme.status().overridden).toBe(false);

    // 17:00: closed, black; an operator's emergency is never touched by the programme.
    now = at(0, '17:00');
    later.programme.tick();
    expect(later.hall.current.override).toMatchObject({ kind: 'blackout', by: 'programme' });
  });

  it('leaves an operator override alone when the hall closes', async () => {
    const { controller } = hall;
    now = at(0, '16:00');
    controller.programme.setProgramme(PROGRAMME);
    await controller.hall.setOverride(
      { kind: 'emergency', message: { zh: '注意', en: 'Attention' } },
      'op',
    );
    now = at(0, '17:00');
    controller.programme.tick();
    expect(controller.hall.current.override).toMatchObject({ kind: 'emergency', by: 'op' });
  });
});
