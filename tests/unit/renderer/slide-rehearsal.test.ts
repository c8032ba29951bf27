import { describe, expect, it } from 'vitest';
import type { PresentedSlide } from '../../../src-shared/presentation';
import type { FirstSlide } from '../../../src-shared/protocol';
import { SlideRehearsal } from '../../../src-renderer/src/slide-rehearsal';

const text = (zh: string): PresentedSlide => ({
  type: 'text',
  title: { zh, en: zh },
  durationMs: 5000,
  transition: 'fade',
});
const first = (themeKey: string, slide?: PresentedSlide): FirstSlide => ({
  themeKey,
  media: [],
  ...(slide ? { slide } : {}),
});
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function setup() {
  const shown: { slides: string[]; rehearsed: string[] }[] = [];
  const rehearsal = new SlideRehearsal(
    (slides, rehearsed) =>
      shown.push({
        slides: slides.map((s) => (s.type === 'text' ? s.title.zh : s.type)),
        rehearsed,
      }),
    () => Promise.resolve(),
  );
  return { rehearsal, shown };
}

describe('SlideRehearsal', () => {
  it('renders each warm theme’s first slide once, then takes it off', async () => {
    const { rehearsal, shown } = setup();
    rehearsal.want([first('1', text('一')), first('2', text('二')), first('3')], (s) => s);
    rehearsal.warm(['1']);
    await settle();
    rehearsal.warm(['1', '2', '3']);
    await settle();
    rehearsal.warm(['1', '2', '3']);
    await settle();
    expect(shown).toEqual([
      { slides: ['一'], rehearsed: [] },
      { slides: [], rehearsed: ['1'] },
      { slides: ['二'], rehearsed: ['1'] },
      { slides: [], rehearsed: ['1', '2'] },
    ]);
    expect(rehearsal.rehearsed).toEqual(['1', '2']);
  });

  it('rehearses a theme again when its first slide changes, and resolves its URLs', async () => {
    const { rehearsal, shown } = setup();
    rehearsal.want([first('1', text('一'))], (s) => s);
    rehearsal.warm(['1']);
    await settle();
    rehearsal.want([first('1', text('新'))], (s) =>
      s.type === 'text' ? { ...s, title: { ...s.title, zh: `${s.title.zh}!` } } : s,
    );
    // Until the new version is rehearsed, the theme does not count as rehearsed.
    expect(rehearsal.rehearsed).toEqual([]);
    rehearsal.warm(['1']);
    await settle();
    expect(shown.map((s) => s.slides)).toEqual([['一'], [], ['新!'], []]);
    expect(rehearsal.rehearsed).toEqual(['1']);
  });
});
