import { useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { SessionUser } from '../../../src-shared/accounts';
import { roleAllows } from '../../../src-shared/roles';
import { AccountsPage } from './AccountsPage';
import { AuditPage } from './AuditPage';
import { TokensPage } from './TokensPage';
import { MyAccountPage } from './MyAccountPage';
import { logOut } from './session';
import type { ConsoleLink } from './console-link';
import { PackLibrary } from './PackLibrary';
import { ScreenList } from './ScreenList';
import { SwitchHistory } from './SwitchHistory';
import { ThemeKeys } from './ThemeKeys';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { useThemeHotkeys } from './use-theme-hotkeys';
import { VisitorPages } from './VisitorPages';

const PAGES = ['hall', 'accounts', 'tokens', 'audit', 'me'] as const;
type Page = (typeof PAGES)[number];

/** The operator console: the keys, the screens and what just happened; for administrators also accounts, tokens and the audit log. */
export function App({ link, user }: { link: ConsoleLink; user: SessionUser }) {
  const { connection, connectionError, snapshot, lastPress, upload, libraryError } = useStore(
    link.store,
  );
  const [page, setPage] = useState<Page>('hall');
  const keys = useMemo(
    () => (page === 'hall' ? (snapshot?.themes.map((t) => t.key) ?? []) : []),
    [snapshot?.themes, page],
  );
  const press = useCallback((key: string) => void link.activate(key), [link]);
  useThemeHotkeys(keys, press);
  const { t } = useI18n();
  const isAdmin = roleAllows(user.role, 'administrator');
  const mayCurate = roleAllows(user.role, 'curator');
  const pages = PAGES.filter((p) => p === 'hall' || p === 'me' || isAdmin);

  const onAir = snapshot?.themes.find((t) => t.key === snapshot.hall.themeKey);
  return (
    <div className="console" data-connection={connection}>
      <header className="top">
        <div className="brand">
          <span className="logo">HallCue</span>
          <span className="hall-name">
            {snapshot ? `${snapshot.hallName.zh} · ${snapshot.hallName.en}` : ''}
          </span>
        </div>
        <div className="now-showing">
          {onAir ? (
            <>
              <span className="label">{t('app.onAir')}</span>
              <span className="mini-key">{onAir.key}</span>
              <span>{onAir.title.zh}</span>
              <span className="dim">{onAir.title.en}</span>
            </>
          ) : (
            <span className="dim">{t('app.nothingOnAir')}</span>
          )}
        </div>
        <div className={`connection ${connection}`} title={connectionError ?? ''}>
          <span className="dot" /> {t(`connection.${connection}`)}
        </div>
      </header>
      <nav className="bar" aria-label={t('nav.label')}>
        <div className="tabs" role="tablist">
          {pages.map((p) => (
            <button
              key={p}
              type="button"
              role="tab"
              aria-selected={page === p}
              className={page === p ? 'active' : ''}
              onClick={() => setPage(p)}
            >
              {t(`nav.${p}`)}
            </button>
          ))}
        </div>
        <LanguageSwitch />
        <div className="user-menu">
          <span className="who" data-testid="signed-in-as">
            {user.username} · {t(`role.${user.role}`)}
          </span>
          <button type="button" onClick={() => void logOut()}>
            {t('nav.logout')}
          </button>
        </div>
      </nav>
      {connection === 'refused' && connectionError && (
        <div className="banner error">{connectionError}</div>
      )}
      {lastPress?.outcome === 'error' && (
        <div className="banner error" role="alert">
          {t('app.keyError', lastPress.key, lastPress.message)}
        </div>
      )}
      {page === 'accounts' && isAdmin ? (
        <main className="page-area">
          <AccountsPage me={user} />
        </main>
      ) : page === 'tokens' && isAdmin ? (
        <main className="page-area">
          <TokensPage />
        </main>
      ) : page === 'me' ? (
        <main className="page-area">
          <MyAccountPage user={user} />
        </main>
      ) : page === 'audit' && isAdmin ? (
        <main className="page-area">
          <AuditPage />
        </main>
      ) : snapshot ? (
        <main className="layout">
          <section className="keys-area">
            <h2>
              {t('app.themes')} <span className="count">{t('app.themesHint')}</span>
            </h2>
            <ThemeKeys
              themes={snapshot.themes}
              hall={snapshot.hall}
              lastPress={lastPress}
              onPress={press}
            />
            {mayCurate ? (
              <PackLibrary
                packs={snapshot.packs}
                upload={upload}
                error={libraryError}
                onFile={(file) => void link.upload(file)}
                onPublish={(key, id) => void link.publish(key, id)}
                onRollback={(key) => void link.rollback(key)}
                onDelete={(id) => void link.deleteVersion(id)}
              />
            ) : (
              <p className="empty">{t('library.curatorOnly')}</p>
            )}
          </section>
          <aside className="side">
            <ScreenList
              screens={snapshot.screens}
              themes={snapshot.themes}
              hallRevision={snapshot.hall.revision}
              onApprove={link.approveScreen}
              onRevoke={link.revokeScreen}
              mayManage={isAdmin}
            />
            <SwitchHistory switches={snapshot.switches} />
            <VisitorPages link={link.visitor} mayManage={isAdmin} />
          </aside>
        </main>
      ) : (
        <main className="loading">{connection === 'refused' ? '' : t('app.connecting')}</main>
      )}
      <footer className="foot dim">
        {t('app.footer', snapshot?.version ?? '', String(snapshot?.hall.revision ?? '–'))}
      </footer>
    </div>
  );
}
