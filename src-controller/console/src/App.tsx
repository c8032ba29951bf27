import { useStore } from 'zustand';
import type { SessionUser } from '../../../src-shared/accounts';
import { roleAllows } from '../../../src-shared/roles';
import { AccountsPage } from './AccountsPage';
import { AuditPage } from './AuditPage';
import { TokensPage } from './TokensPage';
import { MyAccountPage } from './MyAccountPage';
import { logOut } from './session';
import type { ConsoleLink } from './console-link';
import { HallControls, usePage, type Page } from './HallControls';
import { HallView } from './HallView';
import { PackLibrary } from './PackLibrary';
import { ProgrammePage } from './ProgrammePage';
import { ScreenList } from './ScreenList';
import { ScreensPage } from './ScreensPage';
import { SetupPage } from './SetupPage';
import { SwitchHistory } from './SwitchHistory';
import { ThemeKeys } from './ThemeKeys';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { VisitorPages } from './VisitorPages';

const PAGES: readonly Page[] = [
  'hall',
  'view',
  'screens',
  'programme',
  'setup',
  'accounts',
  'tokens',
  'audit',
  'me',
];
/** The least role that sees each page; the controller checks every action again. */
const PAGE_ROLES = {
  hall: 'operator',
  view: 'operator',
  programme: 'curator',
  setup: 'curator',
  screens: 'administrator',
  accounts: 'administrator',
  tokens: 'administrator',
  audit: 'administrator',
  me: 'operator',
} as const;

/** The operator console: the keys, the screens and what just happened; for administrators also accounts, tokens and the audit log. */
export function App({ link, user }: { link: ConsoleLink; user: SessionUser }) {
  const { connection, connectionError, snapshot, lastPress, upload, libraryError } = useStore(
    link.store,
  );
  const [shownPage, setPage] = usePage();
  const { t } = useI18n();
  const isAdmin = roleAllows(user.role, 'administrator');
  const mayCurate = roleAllows(user.role, 'curator');
  const pages = PAGES.filter((p) => roleAllows(user.role, PAGE_ROLES[p]));
  const page = pages.includes(shownPage) ? shownPage : 'hall';

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
      ) : snapshot && page === 'view' ? (
        <HallView link={link} snapshot={snapshot} mayEdit={isAdmin} />
      ) : snapshot && page === 'screens' ? (
        <ScreensPage link={link} snapshot={snapshot} />
      ) : snapshot && page === 'programme' ? (
        <ProgrammePage link={link} snapshot={snapshot} />
      ) : snapshot && page === 'setup' ? (
        <SetupPage link={link} snapshot={snapshot} />
      ) : snapshot ? (
        <main className="layout">
          <section className="keys-area">
            <HallControls link={link} snapshot={snapshot}>
              {(pressIn, keyLabels, zoneTags) => (
                <ThemeKeys
                  themes={snapshot.themes}
                  hall={snapshot.hall}
                  lastPress={lastPress}
                  onPress={pressIn}
                  keyLabels={keyLabels}
                  zoneTags={zoneTags}
                />
              )}
            </HallControls>
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
              expectedRevision={(screen) =>
                Math.max(
                  snapshot.hall.sharedRevision,
                  snapshot.zones.find((z) => z.id === screen.zoneId)?.revision ?? 0,
                )
              }
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
