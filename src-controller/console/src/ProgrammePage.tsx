import { useEffect, useMemo, useState } from 'react';
import {
  minutesOf,
  type Programme,
  type ProgrammeAction,
  type ProgrammeSlot,
  type ProgrammeStatus,
} from '../../../src-shared/programme';
import type { ConsoleSnapshot, ThemeSummary } from '../../../src-shared/protocol';
import type { ConsoleLink } from './console-link';
import { useHallI18n } from './hall-i18n';

/** Monday first, as a hall's week is planned; JavaScript counts Sunday as 0. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const HOUR_PX = 36;

function useWeekdayNames(language: string): string[] {
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
    // 4 January 1970 was a Sunday.
    return Array.from({ length: 7 }, (_, day) => format.format(Date.UTC(1970, 0, 4 + day)));
  }, [language]);
}

function useDescribe(themes: ThemeSummary[]) {
  const { t } = useHallI18n();
  return (action: ProgrammeAction): string => {
    if (action.kind === 'closed') {
      return action.whenClosed === 'blackout' ? t('programme.closedBlack') : t('programme.closed');
    }
    const theme = themes.find((th) => th.key === action.themeKey);
    const name = theme ? `${theme.key} · ${theme.title.zh}` : (action.themeKey ?? '');
    return action.kind === 'attract'
      ? `${t('programme.attract')}: ${action.themeKey ? name : t('programme.noAttract')}`
      : name;
  };
}

/** Where the programme stands, with the one button that hands the hall back to it. */
export function ProgrammeLine(props: {
  status: ProgrammeStatus;
  themes: ThemeSummary[];
  onResume: () => void;
}) {
  const { status, themes, onResume } = props;
  const { t, language } = useHallI18n();
  const describe = useDescribe(themes);
  // Times as the hall's clock shows them: the controller's time zone, not this browser's.
  const time = useMemo(() => {
    const format = new Intl.DateTimeFormat(language, {
      timeZone: status.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return (ms: number) => format.format(ms);
  }, [language, status.timeZone]);
  if (!status.programme.enabled || !status.now) return null;
  return (
    <div
      className={`programme-line ${status.overridden ? 'overridden' : ''}`}
      data-testid="programme-line"
    >
      <span className="programme-label">{t('nav.programme')}</span>
      <span>
        {t('programme.now')}: {describe(status.now.action)}
      </span>
      {status.next && (
        <span className="dim">
          {t('programme.next')}:{' '}
          {t('programme.nextAt', time(status.next.at), describe(status.next.action))}
        </span>
      )}
      {status.overridden && (
        <>
          <span className="override-note">{t('programme.overridden')}</span>
          <button
            type="button"
            className="big-button"
            data-testid="resume-programme"
            onClick={onResume}
          >
            {t('programme.resume')}
          </button>
        </>
      )}
    </div>
  );
}

/** The week at a glance: opening hours, the attract loop, the themes at their times. */
function WeekView({ programme, themes }: { programme: Programme; themes: ThemeSummary[] }) {
  const { language, t } = useHallI18n();
  const names = useWeekdayNames(language);
  const marks = [
    ...programme.hours.flatMap((h) => (h ? [minutesOf(h.open), minutesOf(h.close)] : [])),
    ...programme.slots.map((s) => minutesOf(s.time)),
  ];
  const first = Math.max(0, Math.floor(Math.min(8 * 60, ...marks) / 60) - 1);
  const last = Math.min(24, Math.ceil(Math.max(18 * 60, ...marks) / 60) + 1);
  const top = (minute: number) => ((minute - first * 60) / 60) * HOUR_PX;
  const height = (last - first) * HOUR_PX;
  const title = (key: string) => themes.find((th) => th.key === key)?.title.zh ?? key;
  return (
    <div className="week" role="table" aria-label={t('programme.week')}>
      <div className="week-hours" style={{ height }} aria-hidden>
        {Array.from({ length: last - first }, (_, i) => (
          <div key={i} className="week-hour" style={{ top: i * HOUR_PX }}>
            {String(first + i).padStart(2, '0')}:00
          </div>
        ))}
      </div>
      {WEEK.map((day) => {
        const hours = programme.hours[day];
        const slots = programme.slots
          .filter((s) => s.days.includes(day))
          .sort((a, b) => minutesOf(a.time) - minutesOf(b.time));
        const close = hours ? minutesOf(hours.close) : 0;
        return (
          <div key={day} className="week-day" role="row">
            <div className="week-day-name" role="columnheader">
              {names[day]}
            </div>
            <div className="week-column" style={{ height }} role="cell">
              {hours ? (
                <div
                  className="week-open"
                  style={{
                    top: top(minutesOf(hours.open)),
                    height: top(close) - top(minutesOf(hours.open)),
                  }}
                >
                  <span>
                    {hours.open}–{hours.close}
                  </span>
                  {programme.attractThemeKey && (
                    <span className="dim">↻ {title(programme.attractThemeKey)}</span>
                  )}
                </div>
              ) : (
                <div className="week-closed">{t('programme.closedDay')}</div>
              )}
              {slots.map((slot, i) => {
                const start = minutesOf(slot.time);
                const nextStart = slots[i + 1] ? minutesOf(slots[i + 1]!.time) : close;
                const end = slot.minutes ? start + slot.minutes : Math.max(nextStart, start + 30);
                return (
                  <div
                    key={slot.id}
                    className="week-slot"
                    style={{ top: top(start), height: Math.max(22, top(end) - top(start)) }}
                    title={`${slot.time} · ${title(slot.themeKey)}`}
                  >
                    <span className="mini-key">{slot.themeKey}</span> {slot.time}{' '}
                    {title(slot.themeKey)}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

function SlotEditor(props: {
  slot: ProgrammeSlot;
  themes: ThemeSummary[];
  onChange: (slot: ProgrammeSlot) => void;
  onRemove: () => void;
}) {
  const { slot, themes, onChange, onRemove } = props;
  const { language, t } = useHallI18n();
  const names = useWeekdayNames(language);
  return (
    <li className="slot-editor">
      <label className="field">
        <span>{t('programme.at')}</span>
        <input
          type="time"
          value={slot.time}
          onChange={(e) => onChange({ ...slot, time: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('programme.theme')}</span>
        <select
          value={slot.themeKey}
          onChange={(e) => onChange({ ...slot, themeKey: e.target.value })}
        >
          {themes.map((theme) => (
            <option key={theme.key} value={theme.key}>
              {theme.key} · {theme.title.zh}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('programme.minutes')}</span>
        <input
          type="number"
          min={1}
          max={1440}
          value={slot.minutes ?? ''}
          onChange={(e) => {
            const { minutes: _drop, ...rest } = slot;
            void _drop;
            onChange(e.target.value ? { ...rest, minutes: Number(e.target.value) } : rest);
          }}
        />
      </label>
      <fieldset className="days">
        <legend>{t('programme.onDays')}</legend>
        {WEEK.map((day) => (
          <label key={day} className={`day-toggle ${slot.days.includes(day) ? 'on' : ''}`}>
            <input
              type="checkbox"
              checked={slot.days.includes(day)}
              onChange={(e) =>
                onChange({
                  ...slot,
                  days: e.target.checked
                    ? [...slot.days, day].sort()
                    : slot.days.filter((d) => d !== day),
                })
              }
            />
            {names[day]}
          </label>
        ))}
      </fieldset>
      <button type="button" className="revoke" onClick={onRemove}>
        {t('programme.remove')}
      </button>
    </li>
  );
}

/** The weekly programme: a calendar of the week and the form that defines it. */
export function ProgrammePage({
  link,
  snapshot,
}: {
  link: ConsoleLink;
  snapshot: ConsoleSnapshot;
}) {
  const { language, t } = useHallI18n();
  const names = useWeekdayNames(language);
  const status = snapshot.programme;
  const [draft, setDraft] = useState<Programme>(status.programme);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(status.programme), [status.programme]);
  const themes = snapshot.themes;
  const setHours = (day: number, hours: Programme['hours'][number]) =>
    setDraft({ ...draft, hours: draft.hours.map((h, i) => (i === day ? hours : h)) });

  async function save() {
    const result = await link.setProgramme(draft);
    setMessage(
      result.ok ? { ok: true, text: t('programme.saved') } : { ok: false, text: result.error },
    );
  }

  return (
    <main className="hall-page programme-page">
      <section className="panel">
        <h2>{t('programme.title')}</h2>
        <p className="dim">{t('programme.timeZone', status.timeZone)}</p>
        {status.programme.enabled ? (
          <ProgrammeLine
            status={status}
            themes={themes}
            onResume={() => void link.resumeProgramme()}
          />
        ) : (
          <p className="empty">{t('programme.off')}</p>
        )}
        <WeekView programme={draft} themes={themes} />
      </section>
      <section className="panel programme-form">
        <label className="switch-row">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t('programme.enabled')}
        </label>
        <div className="row">
          <label className="field">
            <span>{t('programme.attractTheme')}</span>
            <select
              value={draft.attractThemeKey ?? ''}
              onChange={(e) => setDraft({ ...draft, attractThemeKey: e.target.value || null })}
            >
              <option value="">{t('programme.noAttract')}</option>
              {themes.map((theme) => (
                <option key={theme.key} value={theme.key}>
                  {theme.key} · {theme.title.zh}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('programme.whenClosed')}</span>
            <select
              value={draft.whenClosed}
              onChange={(e) =>
                setDraft({ ...draft, whenClosed: e.target.value === 'keep' ? 'keep' : 'blackout' })
              }
            >
              <option value="blackout">{t('programme.whenClosedBlackout')}</option>
              <option value="keep">{t('programme.whenClosedKeep')}</option>
            </select>
          </label>
        </div>
        <h2>{t('programme.hours')}</h2>
        <ul className="hours-editor">
          {WEEK.map((day) => {
            const hours = draft.hours[day] ?? null;
            return (
              <li key={day} data-day={day}>
                <span className="day-name">{names[day]}</span>
                <label className="day-open">
                  <input
                    type="checkbox"
                    checked={hours !== null}
                    onChange={(e) =>
                      setHours(day, e.target.checked ? { open: '09:00', close: '17:00' } : null)
                    }
                  />
                  {hours ? t('programme.open') : t('programme.closedDay')}
                </label>
                {hours && (
                  <>
                    <input
                      type="time"
                      aria-label={`${names[day]} open`}
                      value={hours.open}
                      onChange={(e) => setHours(day, { ...hours, open: e.target.value })}
                    />
                    <span>–</span>
                    <input
                      type="time"
                      aria-label={`${names[day]} close`}
                      value={hours.close}
                      onChange={(e) => setHours(day, { ...hours, close: e.target.value })}
                    />
                  </>
                )}
              </li>
            );
          })}
        </ul>
        <h2>{t('programme.slots')}</h2>
        <ul className="slots-editor">
          {draft.slots.map((slot, i) => (
            <SlotEditor
              key={slot.id}
              slot={slot}
              themes={themes}
              onChange={(next) =>
                setDraft({ ...draft, slots: draft.slots.map((s, j) => (j === i ? next : s)) })
              }
              onRemove={() => setDraft({ ...draft, slots: draft.slots.filter((_, j) => j !== i) })}
            />
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            className="big-button"
            disabled={themes.length === 0}
            onClick={() =>
              setDraft({
                ...draft,
                slots: [
                  ...draft.slots,
                  {
                    id: `s${Date.now().toString(36)}`,
                    days: [1, 2, 3, 4, 5],
                    time: '14:00',
                    themeKey: themes[0]?.key ?? '1',
                  },
                ],
              })
            }
          >
            {t('programme.addSlot')}
          </button>
          <button
            type="button"
            className="big-button primary"
            data-testid="save-programme"
            onClick={() => void save()}
          >
            {t('programme.save')}
          </button>
          {message && (
            <span
              className={message.ok ? 'ok-text' : 'error-text'}
              role={message.ok ? 'status' : 'alert'}
            >
              {message.text}
            </span>
          )}
        </div>
      </section>
    </main>
  );
}
