import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { ConsoleLink } from './console-link';
import { PackLibrary } from './PackLibrary';
import { ScreenList } from './ScreenList';
import { SwitchHistory } from './SwitchHistory';
import { ThemeKeys } from './ThemeKeys';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { useThemeHotkeys } from './use-theme-hotkeys';

/** The operator console: the keys, the screens and what just happened. */
export function App({ link }: { link: ConsoleLink }) {
  const { connection, connectionError, snapshot, lastPress, upload, libraryError } = useStore(
    link.store,
  );
  const keys = useMemo(() => snapshot?.themes.map((t) => t.key) ?? [], [snapshot?.themes]);
  const press = useCallback((key: string) => void link.activate(key), [link]);
  useThemeHotkeys(keys, press);
  const { t } = useI18n();

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
        <LanguageSwitch />
        <div className={`connection ${connection}`} title={connectionError ?? ''}>
          <span className="dot" /> {t(`connection.${connection}`)}
        </div>
      </header>
      {connection === 'refused' && connectionError && (
        <div className="banner error">{connectionError}</div>
      )}
      {lastPress?.outcome === 'error' && (
        <div className="banner error" role="alert">
          {t('app.keyError', lastPress.key, lastPress.message)}
        </div>
      )}
      {snapshot ? (
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
            <PackLibrary
              packs={snapshot.packs}
              upload={upload}
              error={libraryError}
              onFile={(file) => void link.upload(file)}
              onPublish={(key, id) => void link.publish(key, id)}
              onRollback={(key) => void link.rollback(key)}
              onDelete={(id) => void link.deleteVersion(id)}
            />
          </section>
          <aside className="side">
            <ScreenList
              screens={snapshot.screens}
              themes={snapshot.themes}
              hallRevision={snapshot.hall.revision}
              onApprove={link.approveScreen}
              onRevoke={link.revokeScreen}
            />
            <SwitchHistory switches={snapshot.switches} />
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
