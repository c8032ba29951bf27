import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/accounts';
import { errorText } from './api';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { logIn, setUp } from './session';

function AuthCard(props: { title: string; lead?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth-screen">
      <div className="auth-top">
        <span className="logo">HallCue</span>
        <LanguageSwitch />
      </div>
      <main className="auth-card">
        <h1>{props.title}</h1>
        {props.lead && <p className="auth-lead">{props.lead}</p>}
        {props.children}
      </main>
      <p className="auth-foot dim">{t('auth.footer')}</p>
    </div>
  );
}

function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete: string;
  autoFocus?: boolean;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        autoCapitalize="off"
        spellCheck={false}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="field-hint dim">
          {props.hint}
        </span>
      )}
    </div>
  );
}

/** The first visit: no account exists, so the first person at the controller creates the administrator. */
export function SetupPage() {
  const { t, language } = useI18n();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(t('auth.passwordTooShort', MIN_PASSWORD_LENGTH));
      return;
    }
    if (password !== confirm) {
      setError(t('auth.passwordsDiffer'));
      return;
    }
    setBusy(true);
    try {
      await setUp(username.trim(), password, language);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <AuthCard title={t('setup.title')} lead={t('setup.lead')}>
      <form className="auth-form" onSubmit={(e) => void submit(e)} data-testid="setup-form">
        <Field
          label={t('auth.username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
        />
        <Field
          label={t('auth.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          autoFocus
          hint={t('auth.passwordRule', MIN_PASSWORD_LENGTH)}
        />
        <Field
          label={t('auth.confirmPassword')}
          type="password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
        />
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary big" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

export function LoginPage(props: { notice?: string | undefined }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
    } catch (e) {
      setError(errorText(e));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <AuthCard title={t('login.title')}>
      <form className="auth-form" onSubmit={(e) => void submit(e)} data-testid="login-form">
        {props.notice && <div className="banner info">{props.notice}</div>}
        <Field
          label={t('auth.username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus
        />
        <Field
          label={t('auth.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <button
          type="submit"
          className="primary big"
          disabled={busy || username.trim() === '' || password === ''}
        >
          {t('login.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

/** Shown when the controller refuses this browser outright (another machine, no --allow-remote-console). */
export function UnavailablePage(props: { message: string }) {
  const { t } = useI18n();
  return (
    <AuthCard title={t('unavailable.title')}>
      <div className="banner error" role="alert">
        {props.message}
      </div>
    </AuthCard>
  );
}
