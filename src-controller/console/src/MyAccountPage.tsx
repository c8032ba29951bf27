import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH, type SessionUser } from '../../../src-shared/accounts';
import { api, errorText } from './api';
import { useI18n } from './i18n';

/** Anyone's own account: who they are, and changing their password. */
export function MyAccountPage({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setMessage({ ok: false, text: t('auth.passwordsDiffer') });
      return;
    }
    try {
      await api('PUT', '/api/session/password', { currentPassword: current, newPassword: next });
      setMessage({ ok: true, text: t('me.changed') });
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  }

  return (
    <section className="panel page" data-page="me">
      <h2>{t('me.title')}</h2>
      <p>
        {user.username} · {t(`role.${user.role}`)}
      </p>
      <h3>{t('me.changePassword')}</h3>
      <form className="create-form" onSubmit={(e) => void submit(e)} data-testid="change-password">
        <label className="field">
          <span className="field-label">{t('me.current')}</span>
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('me.new')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth.confirmPassword')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={current === '' || next.length < MIN_PASSWORD_LENGTH}
        >
          {t('me.save')}
        </button>
      </form>
      <p className="dim small">{t('auth.passwordRule', MIN_PASSWORD_LENGTH)}</p>
      {message && (
        <div className={`banner ${message.ok ? 'info' : 'error'}`} role="alert">
          {message.text}
        </div>
      )}
    </section>
  );
}
