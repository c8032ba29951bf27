import { useState, type FormEvent } from 'react';
import type { TokenSummary } from '../../../src-shared/accounts';
import type { Role } from '../../../src-shared/roles';
import { api } from './api';
import { ConfirmButton } from './ConfirmButton';
import { useI18n } from './i18n';
import { RoleSelect } from './RoleSelect';
import { useApiList } from './use-api-list';

/** The new token, in full, this once; with a copy button and how to use it. */
function NewToken(props: { name: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const origin = window.location.origin;
  return (
    <div className="new-token" role="status" data-testid="new-token">
      <div className="strong">{t('tokens.created', props.name)}</div>
      <p>{t('tokens.shownOnce')}</p>
      <code className="token-value" data-testid="token-value">
        {props.token}
      </code>
      <div className="row-actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(props.token)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('tokens.done')}
        </button>
      </div>
      <p className="dim small">{t('tokens.usage')}</p>
      <pre className="usage">
        {`curl -X POST -H "Authorization: Bearer ${props.token}" ${origin}/api/themes/1/activate\nhallcue switch 1 --controller ${origin} --token ${props.token}`}
      </pre>
    </div>
  );
}

/** API tokens for button boxes and scripts: create (shown once), see when used, revoke. */
export function TokensPage() {
  const { t, dateTime } = useI18n();
  const { items, error, act } = useApiList<TokenSummary[]>('/api/tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    let answer: { token: string } | null = null;
    const done = await act(async () => {
      answer = await api<{ token: string }>('POST', '/api/tokens', { name: name.trim(), role });
    });
    if (done && answer) {
      setCreated({ name: name.trim(), token: (answer as { token: string }).token });
      setName('');
    }
  }

  return (
    <section className="panel page" data-page="tokens">
      <h2>{t('tokens.title')}</h2>
      <p className="dim">{t('tokens.lead')}</p>
      {created && <NewToken {...created} onDone={() => setCreated(null)} />}
      <form className="create-form" onSubmit={(e) => void create(e)} data-testid="create-token">
        <label className="field">
          <span className="field-label">{t('tokens.name')}</span>
          <input
            value={name}
            placeholder={t('tokens.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <RoleSelect label={t('accounts.role')} value={role} onChange={setRole} field />
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {t('tokens.create')}
        </button>
      </form>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {items && items.length === 0 ? (
        <p className="empty">{t('tokens.none')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>{t('tokens.name')}</th>
              <th>{t('accounts.role')}</th>
              <th>{t('tokens.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items?.map((token) => (
              <tr
                key={token.id}
                data-token={token.name}
                className={token.revokedAt ? 'disabled' : ''}
              >
                <td>
                  <div className="strong">{token.name}</div>
                  <div className="dim small">
                    {t('tokens.createdBy', token.createdBy, dateTime(token.createdAt))}
                  </div>
                </td>
                <td>{t(`role.${token.role}`)}</td>
                <td className="small">
                  {token.lastUsedAt ? dateTime(token.lastUsedAt) : t('tokens.neverUsed')}
                </td>
                <td className="row-actions">
                  {token.revokedAt ? (
                    <span className="state off">
                      {t('tokens.revokedAt', dateTime(token.revokedAt))}
                    </span>
                  ) : (
                    <ConfirmButton
                      label={t('tokens.revoke')}
                      confirmLabel={t('tokens.confirmRevoke')}
                      onConfirm={() => void act(() => api('DELETE', `/api/tokens/${token.id}`))}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
