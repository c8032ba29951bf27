import { useEffect, useMemo, useState } from 'react';
import type { AuditRecord } from '../../../src-shared/accounts';
import { api, errorText } from './api';
import { useI18n, type I18n, type MessageKey } from './i18n';

interface AuditAnswer {
  entries: AuditRecord[];
  actors: string[];
  actions: string[];
}

const PAGE = 100;

const ACTION_KEYS: Record<string, MessageKey> = {
  'account.setup': 'audit.account.setup',
  'account.login': 'audit.account.login',
  'account.login-failed': 'audit.account.loginFailed',
  'account.logout': 'audit.account.logout',
  'account.create': 'audit.account.create',
  'account.update': 'audit.account.update',
  'account.delete': 'audit.account.delete',
  'account.password': 'audit.account.password',
  'token.create': 'audit.token.create',
  'token.revoke': 'audit.token.revoke',
  'hall.switch': 'audit.hall.switch',
  'screen.approve': 'audit.screen.approve',
  'screen.revoke': 'audit.screen.revoke',
  'theme.publish': 'audit.theme.publish',
  'theme.rollback': 'audit.theme.rollback',
  'pack.import': 'audit.pack.import',
  'pack.delete': 'audit.pack.delete',
  'visitor.settings': 'audit.visitor.settings',
  'hall.blackout': 'audit.hall.blackout',
  'hall.emergency': 'audit.hall.emergency',
  'hall.clear': 'audit.hall.clear',
  'keys.assign': 'audit.keys.assign',
  'zone.save': 'audit.zone.save',
  'zone.delete': 'audit.zone.delete',
  'screen.update': 'audit.screen.update',
  'screen.identify': 'audit.screen.identify',
  'screen.reload': 'audit.screen.reload',
  'programme.save': 'audit.programme.save',
  'programme.resume': 'audit.programme.resume',
  'hall.plan': 'audit.hall.plan',
};

export const actionLabel = (t: I18n['t'], action: string) => {
  const key = ACTION_KEYS[action];
  return key ? t(key) : action;
};

/** A local calendar day (yyyy-mm-dd from a date field) as epoch ms at its start. */
const dayStart = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).getTime();
};

const detailText = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');

/** Every action with who, from where and when; filter by user, action and dates; export CSV. */
export function AuditPage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [data, setData] = useState<AuditAnswer | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const query = useMemo(() => {
    const q = new URLSearchParams();
    if (actor) q.set('actor', actor);
    if (action) q.set('action', action);
    if (from) q.set('from', String(dayStart(from)));
    if (to) q.set('to', String(dayStart(to, 1)));
    return q;
  }, [actor, action, from, to]);

  useEffect(() => {
    let live = true;
    const q = new URLSearchParams(query);
    q.set('limit', String(PAGE));
    api<AuditAnswer>('GET', `/api/audit?${q}`).then(
      (answer) => {
        if (!live) return;
        setData(answer);
        setMore(answer.entries.length === PAGE);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [query]);

  async function loadMore() {
    const last = data?.entries.at(-1);
    if (!data || !last) return;
    const q = new URLSearchParams(query);
    q.set('limit', String(PAGE));
    q.set('beforeId', String(last.id));
    try {
      const answer = await api<AuditAnswer>('GET', `/api/audit?${q}`);
      setData({ ...answer, entries: [...data.entries, ...answer.entries] });
      setMore(answer.entries.length === PAGE);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="panel page" data-page="audit">
      <h2>{t('audit.title')}</h2>
      <div className="filters" role="search">
        <label className="field">
          <span className="field-label">{t('audit.user')}</span>
          <select value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t('audit.everyone')}</option>
            {data?.actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.action')}</span>
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {data?.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <a className="button primary" href={`/api/audit.csv?${query}`} download>
          {t('audit.export')}
        </a>
      </div>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {data && data.entries.length === 0 ? (
        <p className="empty">{t('audit.none')}</p>
      ) : (
        <table className="list audit">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.user')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td className="mono small nowrap">{dateTime(e.at)}</td>
                <td>
                  <div className="strong">{e.actor}</div>
                  <div className="dim small">{e.address ?? t('audit.local')}</div>
                </td>
                <td>{actionLabel(t, e.action)}</td>
                <td className="small detail">{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="more" onClick={() => void loadMore()}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
