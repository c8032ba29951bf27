import { useState } from 'react';
import type { ScreenSummary, ThemeSummary } from '../../../src-shared/protocol';

function ScreenRow(props: {
  screen: ScreenSummary;
  themes: ThemeSummary[];
  hallRevision: number;
  onApprove: (id: string) => Promise<string | null>;
}) {
  const { screen, themes, hallRevision, onApprove } = props;
  const [error, setError] = useState<string | null>(null);
  const showing = themes.find((t) => t.key === screen.shownThemeKey);
  const behind = screen.online && screen.approved && screen.shownRevision !== hallRevision;
  return (
    <li className={`screen ${screen.online ? 'online' : 'offline'}`} data-screen={screen.name}>
      <span className="dot" title={screen.online ? 'online' : 'offline'} />
      <div className="screen-main">
        <div className="screen-name">{screen.name}</div>
        <div className="screen-detail">
          {!screen.approved
            ? 'waiting for approval'
            : !screen.online
              ? 'offline'
              : showing
                ? `showing ${showing.key} · ${showing.title.zh}`
                : screen.shownRevision === null
                  ? 'connected'
                  : 'idle'}
          {behind && hallRevision > 0 ? ' · switching…' : ''}
          {screen.address ? ` · ${screen.address.replace(/^::ffff:/, '')}` : ''}
        </div>
        {error && <div className="screen-error">{error}</div>}
      </div>
      {!screen.approved && (
        <button
          type="button"
          className="approve"
          onClick={() => void onApprove(screen.id).then(setError)}
        >
          Approve
        </button>
      )}
    </li>
  );
}

/** Every known screen with its live status; unapproved screens can be let in from here. */
export function ScreenList(props: {
  screens: ScreenSummary[];
  themes: ThemeSummary[];
  hallRevision: number;
  onApprove: (id: string) => Promise<string | null>;
}) {
  const online = props.screens.filter((s) => s.online).length;
  return (
    <section className="panel">
      <h2>
        Screens{' '}
        <span className="count">
          {online} / {props.screens.length} online
        </span>
      </h2>
      {props.screens.length === 0 ? (
        <p className="empty">
          No screens yet. Open <code>/screen?screen=NAME</code> on each display.
        </p>
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
