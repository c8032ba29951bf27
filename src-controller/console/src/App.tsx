import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { ConsoleLink } from './console-link';
import { PackLibrary } from './PackLibrary';
import { ScreenList } from './ScreenList';
import { SwitchHistory } from './SwitchHistory';
import { ThemeKeys } from './ThemeKeys';
import { useThemeHotkeys } from './use-theme-hotkeys';
import { VisitorPages } from './VisitorPages';

const CONNECTION_LABEL = {
  connecting: 'connecting…',
  online: 'connected',
  offline: 'controller unreachable, retrying',
  refused: 'refused',
} as const;

/** The operator console: the keys, the screens and what just happened. */
export function App({ link }: { link: ConsoleLink }) {
  const { connection, connectionError, snapshot, lastPress, upload, libraryError } = useStore(
    link.store,
  );
  const keys = useMemo(() => snapshot?.themes.map((t) => t.key) ?? [], [snapshot?.themes]);
  const press = useCallback((key: string) => void link.activate(key), [link]);
  useThemeHotkeys(keys, press);

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
              <span className="label">On air</span>
              <span className="mini-key">{onAir.key}</span>
              <span>{onAir.title.zh}</span>
              <span className="dim">{onAir.title.en}</span>
            </>
          ) : (
            <span className="dim">Nothing on air: screens show the idle picture</span>
          )}
        </div>
        <div className={`connection ${connection}`} title={connectionError ?? ''}>
          <span className="dot" /> {CONNECTION_LABEL[connection]}
        </div>
      </header>
      {connection === 'refused' && connectionError && (
        <div className="banner error">{connectionError}</div>
      )}
      {lastPress?.outcome === 'error' && (
        <div className="banner error" role="alert">
          Key {lastPress.key}: {lastPress.message}
        </div>
      )}
      {snapshot ? (
        <main className="layout">
          <section className="keys-area">
            <h2>
              Themes <span className="count">press 1–9 or tap</span>
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
            <VisitorPages link={link.visitor} />
          </aside>
        </main>
      ) : (
        <main className="loading">
          {connection === 'refused' ? '' : 'Connecting to the controller…'}
        </main>
      )}
      <footer className="foot dim">
        HallCue {snapshot?.version ?? ''} · revision {snapshot?.hall.revision ?? '–'}
      </footer>
    </div>
  );
}
