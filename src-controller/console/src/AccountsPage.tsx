import { useState, type FormEvent } from 'react';
import {
  MIN_PASSWORD_LENGTH,
  type AccountSummary,
  type SessionUser,
} from '../../../src-shared/accounts';
import { ROLES, type Role } from '../../../src-shared/roles';
import { api } from './api';
import { ConfirmButton } from './ConfirmButton';
import { useI18n } from './i18n';
import { RoleSelect } from './RoleSelect';
import { useApiList } from './use-api-list';

function ResetPassword(props: { account: AccountSummary; act: Act }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('accounts.resetPassword')}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props
          .act(() => api('PATCH', `/api/accounts/${props.account.id}`, { password }))
          .then((done) => done && setOpen(false));
      }}
    >
      <input
        type="password"
        autoComplete="new-password"
        aria-label={t('accounts.newPasswordFor', props.account.username)}
        placeholder={t('accounts.newPassword')}
        value={password}
        autoFocus
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" disabled={password.length < MIN_PASSWORD_LENGTH}>
        {t('accounts.save')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('accounts.cancel')}
      </button>
    </form>
  );
}

type Act = (change: () => Promise<unknown>) => Promise<boolean>;

function AccountRow(props: { account: AccountSummary; me: SessionUser; act: Act }) {
  const { account, me, act } = props;
  const { t, dateTime } = useI18n();
  const patch = (body: object) => act(() => api('PATCH', `/api/accounts/${account.id}`, body));
  const isMe = account.id === me.id;
  return (
    <tr data-account={account.username} className={account.disabled ? 'disabled' : ''}>
      <td>
        <div className="strong">
          {account.username} {isMe && <span className="tag">{t('accounts.you')}</span>}
        </div>
        <div className="dim small">
          {account.lastLoginAt
            ? t('accounts.lastLogin', dateTime(account.lastLoginAt))
            : t('accounts.neverLoggedIn')}
        </div>
      </td>
      <td>
        <RoleSelect
          label={t('accounts.roleOf', account.username)}
          value={account.role}
          onChange={(role) => void patch({ role })}
        />
      </td>
      <td>
        {account.disabled ? (
          <span className="state off">{t('accounts.disabled')}</span>
        ) : (
          <span className="state on">{t('accounts.active')}</span>
        )}
      </td>
      <td className="row-actions">
        <ResetPassword account={account} act={act} />
        <button type="button" onClick={() => void patch({ disabled: !account.disabled })}>
          {account.disabled ? t('accounts.enable') : t('accounts.disable')}
        </button>
        <ConfirmButton
          label={t('accounts.delete')}
          confirmLabel={t('accounts.confirmDelete')}
          disabled={isMe}
          {...(isMe ? { title: t('accounts.cannotDeleteSelf') } : {})}
          onConfirm={() => void act(() => api('DELETE', `/api/accounts/${account.id}`))}
        />
      </td>
    </tr>
  );
}

function CreateAccount(props: { act: Act }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await props.act(() =>
      api('POST', '/api/accounts', { username: username.trim(), password, role }),
    );
    if (done) {
      setUsername('');
      setPassword('');
    }
  }
  return (
    <form className="create-form" onSubmit={(e) => void submit(e)} data-testid="create-account">
      <label className="field">
        <span className="field-label">{t('auth.username')}</span>
        <input
          value={username}
          autoComplete="off"
          autoCapitalize="off"
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.password')}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <RoleSelect label={t('accounts.role')} value={role} onChange={setRole} field />
      <button
        type="submit"
        className="primary"
        disabled={username.trim() === '' || password.length < MIN_PASSWORD_LENGTH}
      >
        {t('accounts.create')}
      </button>
    </form>
  );
}

/** Administrators manage who may use the console, and with which role. */
export function AccountsPage(props: { me: SessionUser }) {
  const { t } = useI18n();
  const { items, error, act } = useApiList<AccountSummary[]>('/api/accounts');
  return (
    <section className="panel page" data-page="accounts">
      <h2>{t('accounts.title')}</h2>
      <p className="dim">{t('accounts.lead')}</p>
      <RoleTable />
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <table className="list">
        <thead>
          <tr>
            <th>{t('accounts.user')}</th>
            <th>{t('accounts.role')}</th>
            <th>{t('accounts.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items?.map((account) => (
            <AccountRow key={account.id} account={account} me={props.me} act={act} />
          ))}
        </tbody>
      </table>
      <h3>{t('accounts.new')}</h3>
      <CreateAccount act={act} />
    </section>
  );
}

/** Who may do what, in one glance. */
function RoleTable() {
  const { t } = useI18n();
  const rows: [string, Role][] = [
    [t('roles.switch'), 'operator'],
    [t('roles.packs'), 'curator'],
    [t('roles.screens'), 'administrator'],
    [t('roles.accounts'), 'administrator'],
  ];
  return (
    <details className="role-table">
      <summary>{t('roles.whoMay')}</summary>
      <table className="list compact">
        <thead>
          <tr>
            <th />
            {ROLES.map((r) => (
              <th key={r}>{t(`role.${r}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, least]) => (
            <tr key={what}>
              <td>{what}</td>
              {ROLES.map((r) => (
                <td key={r} className="center">
                  {ROLES.indexOf(r) >= ROLES.indexOf(least) ? '✓' : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
