import { useState } from 'react';
import type { ScreenSummary, ThemeSummary } from '../../../src-shared/protocol';
import { useI18n } from './i18n';

function ApproveForm(props: {
  screen: ScreenSummary;
  onApprove: Approve;
  onError: (e: string | null) => void;
}) {
  const [code, setCode] = useState('');
  const { t } = useI18n();
  return (
    <form
      className="approve-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onApprove(props.screen.id, code.replace(/\s/g, '')).then(props.onError);
      }}
    >
      <input
        aria-label={t('screens.codeLabel', props.screen.name)}
        inputMode="numeric"
        placeholder={t('screens.codePlaceholder')}
        maxLength={7}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="approve">
        {t('screens.approve')}
      </button>
    </form>
  );
}

function RevokeButton(props: {
  screen: ScreenSummary;
  onRevoke: Revoke;
  onError: (e: string | null) => void;
}) {
  const [armed, setArmed] = useState(false);
  const { t } = useI18n();
  if (!armed) {
    return (
      <button type="button" className="revoke" onClick={() => setArmed(true)}>
        {t('screens.revoke')}
      </button>
    );
  }
  return (
    <button
      type="button"
      className="revoke armed"
      onBlur={() => setArmed(false)}
      onClick={() => void props.onRevoke(props.screen.id).then(props.onError)}
    >
      {t('screens.confirmRevoke')}
    </button>
  );
}

type Approve = (id: string, code: string) => Promise<string | null>;
type Revoke = (id: string) => Promise<string | null>;

function ScreenRow(props: {
  screen: ScreenSummary;
  themes: ThemeSummary[];
  hallRevision: number;
  expectedRevision?: ((screen: ScreenSummary) => number) | undefined;
  onApprove: Approve;
  onRevoke: Revoke;
  mayManage: boolean;
}) {
  const { screen, themes, hallRevision, expectedRevision, onApprove, onRevoke, mayManage } = props;
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const showing = themes.find((t) => t.key === screen.shownThemeKey);
  const behind =
    screen.online &&
    screen.approved &&
    (screen.shownRevision ?? 0) < (expectedRevision?.(screen) ?? hallRevision);
  return (
    <li className={`screen ${screen.online ? 'online' : 'offline'}`} data-screen={screen.name}>
      <span
        className="dot"
        title={screen.online ? t('screens.onlineState') : t('screens.offlineState')}
      />
      <div className="screen-main">
        <div className="screen-name">{screen.name}</div>
        <div className="screen-detail">
          {!screen.approved
            ? screen.revokedAt
              ? t('screens.revoked')
              : t('screens.waiting')
            : !screen.online
              ? t('screens.offlineState')
              : showing
                ? t('screens.showing', showing.key, showing.title.zh)
                : screen.shownRevision === null
                  ? t('screens.connected')
                  : t('screens.idle')}
          {behind && hallRevision > 0 ? t('screens.switching') : ''}
          {screen.address ? ` · ${screen.address.replace(/^::ffff:/, '')}` : ''}
        </div>
        {error && <div className="screen-error">{error}</div>}
      </div>
      {mayManage && !screen.approved && screen.online && (
        <ApproveForm screen={screen} onApprove={onApprove} onError={setError} />
      )}
      {mayManage && screen.approved && (
        <RevokeButton screen={screen} onRevoke={onRevoke} onError={setError} />
      )}
    </li>
  );
}

/** Every known screen with its live status; unapproved screens can be let in from here. */
export function ScreenList(props: {
  screens: ScreenSummary[];
  themes: ThemeSummary[];
  hallRevision: number;
  /** The revision a screen must show to be up to date (zones: not every press is for it). */
  expectedRevision?: (screen: ScreenSummary) => number;
  onApprove: Approve;
  onRevoke: Revoke;
  /** Administrators approve and revoke; others only watch. */
  mayManage: boolean;
}) {
  const online = props.screens.filter((s) => s.online).length;
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>
        {t('screens.title')}{' '}
        <span className="count">{t('screens.online', online, props.screens.length)}</span>
      </h2>
      {props.screens.length === 0 ? (
        <p className="empty">{t('screens.none')}</p>
      ) : (
        <ul className="screens">
          {props.screens.map((screen) => (
            <ScreenRow key={screen.id} screen={screen} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}
