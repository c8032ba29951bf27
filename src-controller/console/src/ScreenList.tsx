import { useState } from 'react';
import type { ScreenSummary, ThemeSummary } from '../../../src-shared/protocol';

function ApproveForm(props: {
  screen: ScreenSummary;
  onApprove: Approve;
  onError: (e: string | null) => void;
}) {
  const [code, setCode] = useState('');
  return (
    <form
      className="approve-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onApprove(props.screen.id, code.replace(/\s/g, '')).then(props.onError);
      }}
    >
      <input
        aria-label={`pairing code shown on ${props.screen.name}`}
        inputMode="numeric"
        placeholder="code on screen"
        maxLength={7}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="approve">
        Approve
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
  if (!armed) {
    return (
      <button type="button" className="revoke" onClick={() => setArmed(true)}>
        Revoke
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
      Confirm revoke
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
}) {
  const { screen, themes, hallRevision, expectedRevision, onApprove, onRevoke } = props;
  const [error, setError] = useState<string | null>(null);
  const showing = themes.find((t) => t.key === screen.shownThemeKey);
  const behind =
    screen.online &&
    screen.approved &&
    (screen.shownRevision ?? 0) < (expectedRevision?.(screen) ?? hallRevision);
  return (
    <li className={`screen ${screen.online ? 'online' : 'offline'}`} data-screen={screen.name}>
      <span className="dot" title={screen.online ? 'online' : 'offline'} />
      <div className="screen-main">
        <div className="screen-name">{screen.name}</div>
        <div className="screen-detail">
          {!screen.approved
            ? screen.revokedAt
              ? 'revoked'
              : 'waiting for approval'
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
      {!screen.approved && screen.online && (
        <ApproveForm screen={screen} onApprove={onApprove} onError={setError} />
      )}
      {screen.approved && <RevokeButton screen={screen} onRevoke={onRevoke} onError={setError} />}
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
