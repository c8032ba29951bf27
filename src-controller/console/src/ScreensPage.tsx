import { useEffect, useMemo, useState } from 'react';
import type { ConsoleSnapshot, ScreenSummary } from '../../../src-shared/protocol';
import type { ConsoleLink } from './console-link';
import { useHallI18n } from './hall-i18n';

type Feedback = { ok: boolean; text: string } | null;

function StatusLine({ screen, snapshot }: { screen: ScreenSummary; snapshot: ConsoleSnapshot }) {
  const { t, dateTime } = useHallI18n();
  const status = !screen.approved
    ? screen.revokedAt
      ? t('screensPage.revoked')
      : t('screensPage.waiting')
    : screen.online
      ? t('screensPage.online1')
      : t('screensPage.offline');
  const theme = snapshot.themes.find((th) => th.key === screen.shownThemeKey);
  const showing = screen.shownThemeKey
    ? theme
      ? `${theme.key} · ${theme.title.zh}`
      : screen.shownThemeKey
    : null;
  const cache =
    screen.neededFiles > 0 && screen.heldFiles >= screen.neededFiles
      ? t('screensPage.cacheFull')
      : t('screensPage.cacheState', screen.heldFiles, screen.neededFiles);
  const app =
    screen.appVersion === 'browser'
      ? t('screensPage.browser')
      : (screen.appVersion ?? t('screensPage.unknownApp'));
  return (
    <dl className="screen-facts">
      <div>
        <dt>{t('screensPage.status')}</dt>
        <dd data-testid="status">
          {status}
          {screen.online && showing ? ` · ${t('screensPage.showing', showing)}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('screensPage.lastSeen', '').trim()}</dt>
        <dd>
          {screen.online
            ? t('screensPage.online1')
            : screen.lastSeenAt
              ? dateTime(screen.lastSeenAt)
              : t('screensPage.never')}
          {screen.address ? ` · ${screen.address.replace(/^::ffff:/, '')}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('screensPage.app')}</dt>
        <dd>{app}</dd>
      </div>
      <div>
        <dt>{t('screensPage.cache')}</dt>
        <dd>{screen.online ? cache : '–'}</dd>
      </div>
    </dl>
  );
}

function ScreenCard({
  link,
  snapshot,
  screen,
  onShot,
}: {
  link: ConsoleLink;
  snapshot: ConsoleSnapshot;
  screen: ScreenSummary;
  onShot: (shot: { name: string; dataUrl: string }) => void;
}) {
  const { t } = useHallI18n();
  const [label, setLabel] = useState(screen.label ?? screen.name);
  const [role, setRole] = useState(screen.role);
  const [code, setCode] = useState('');
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  useEffect(() => setLabel(screen.label ?? screen.name), [screen.label, screen.name]);
  useEffect(() => setRole(screen.role), [screen.role]);
  const shownName = screen.label ?? screen.name;
  const report = (ok: boolean, text: string) => setFeedback({ ok, text });
  const dirty = label.trim() !== shownName || role !== screen.role;

  async function save() {
    const result = await link.updateScreen({
      screenId: screen.id,
      label: label.trim() === screen.name ? null : label.trim(),
      role,
    });
    report(result.ok, result.ok ? t('screensPage.saved') : result.error);
  }

  return (
    <li
      className={`screen-card ${screen.online ? 'online' : 'offline'} ${screen.approved ? '' : 'unapproved'}`}
      data-screen={screen.name}
    >
      <div className="screen-card-head">
        <span className="dot" aria-hidden />
        <div>
          <div className="screen-name">{shownName}</div>
          {screen.label && <div className="dim small">{t('screensPage.device', screen.name)}</div>}
        </div>
      </div>
      <StatusLine screen={screen} snapshot={snapshot} />
      <form
        className="screen-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>{t('screensPage.name')}</span>
          <input
            aria-label={t('screensPage.label', screen.name)}
            value={label}
            maxLength={64}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('screensPage.role')}</span>
          <input
            list="screen-roles"
            value={role}
            maxLength={32}
            onChange={(e) => setRole(e.target.value.toLowerCase())}
          />
        </label>
        <label className="field">
          <span>{t('screensPage.zone')}</span>
          <select
            aria-label={`${t('screensPage.zone')} ${screen.name}`}
            value={screen.zoneId ?? ''}
            onChange={(e) =>
              void link
                .updateScreen({ screenId: screen.id, zoneId: e.target.value || null })
                .then((r) => report(r.ok, r.ok ? t('screensPage.saved') : r.error))
            }
          >
            <option value="">{t('zone.none')}</option>
            {snapshot.zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!dirty}>
          {t('screensPage.save')}
        </button>
      </form>
      <div className="screen-actions">
        <button
          type="button"
          disabled={!screen.online}
          onClick={() =>
            void link
              .identifyScreen(screen.id)
              .then((r) => report(r.ok, r.ok ? t('screensPage.identified') : r.error))
          }
        >
          {t('screensPage.identify')}
        </button>
        <button
          type="button"
          disabled={!screen.online}
          onClick={() =>
            void link
              .reloadScreen(screen.id)
              .then((r) => report(r.ok, r.ok ? t('screensPage.reloaded') : r.error))
          }
        >
          {t('screensPage.reload')}
        </button>
        <button
          type="button"
          disabled={!screen.online || !screen.approved}
          onClick={() =>
            void link.screenshotScreen(screen.id).then((r) => {
              if (r.ok) onShot({ name: shownName, dataUrl: r.data.dataUrl });
              else report(false, r.error);
            })
          }
        >
          {t('screensPage.screenshot')}
        </button>
        {!screen.approved && screen.online && (
          <form
            className="approve-form"
            onSubmit={(e) => {
              e.preventDefault();
              void link
                .approveScreen(screen.id, code.replace(/\s/g, ''))
                .then((error) => setFeedback(error ? { ok: false, text: error } : null));
            }}
          >
            <input
              aria-label={t('screens.codeLabel', screen.name)}
              inputMode="numeric"
              placeholder="000 000"
              maxLength={7}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" className="approve">
              {t('screens.approve')}
            </button>
          </form>
        )}
        {screen.approved &&
          (confirmRevoke ? (
            <button
              type="button"
              className="revoke armed"
              onBlur={() => setConfirmRevoke(false)}
              onClick={() =>
                void link
                  .revokeScreen(screen.id)
                  .then((error) => setFeedback(error ? { ok: false, text: error } : null))
              }
            >
              {t('screens.confirmRevoke')}
            </button>
          ) : (
            <button type="button" className="revoke" onClick={() => setConfirmRevoke(true)}>
              {t('screens.revoke')}
            </button>
          ))}
      </div>
      <div
        className={`screen-feedback ${feedback?.ok ? 'ok-text' : 'error-text'}`}
        role={feedback?.ok ? 'status' : 'alert'}
      >
        {feedback?.text ?? ''}
      </div>
    </li>
  );
}

/** Every screen: name, role, zone, status, and the actions an administrator needs. */
export function ScreensPage({ link, snapshot }: { link: ConsoleLink; snapshot: ConsoleSnapshot }) {
  const { t } = useHallI18n();
  const [shot, setShot] = useState<{ name: string; dataUrl: string } | null>(null);
  const roles = useMemo(
    () => [...new Set(['main', ...snapshot.packs.flatMap((p) => p.roles)])].sort(),
    [snapshot.packs],
  );
  const online = snapshot.screens.filter((s) => s.online).length;
  return (
    <main className="hall-page screens-page">
      <h2>
        {t('screensPage.title')}{' '}
        <span className="count">{t('screensPage.online', online, snapshot.screens.length)}</span>
      </h2>
      <datalist id="screen-roles">
        {roles.map((role) => (
          <option key={role} value={role} />
        ))}
      </datalist>
      {snapshot.screens.length === 0 ? (
        <p className="empty">{t('screensPage.none')}</p>
      ) : (
        <ul className="screen-cards">
          {snapshot.screens.map((screen) => (
            <ScreenCard
              key={screen.id}
              link={link}
              snapshot={snapshot}
              screen={screen}
              onShot={setShot}
            />
          ))}
        </ul>
      )}
      {shot && (
        <div className="dialog-backdrop" onClick={() => setShot(null)}>
          <div className="dialog" role="dialog" aria-modal="true" aria-label={shot.name}>
            <h2>{shot.name}</h2>
            <img className="screenshot" src={shot.dataUrl} alt={shot.name} />
            <div className="dialog-actions">
              <button type="button" className="big-button" autoFocus onClick={() => setShot(null)}>
                {t('screensPage.closeShot')}
              </button>
            </div>
          </div>
        </div>
      )}
    </main>
  );
}
