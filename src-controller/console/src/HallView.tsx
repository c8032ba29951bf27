import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { ScreenState } from '../../../src-shared/hall-state';
import type { ConsoleSnapshot, ScreenSummary } from '../../../src-shared/protocol';
import type { ConsoleLink } from './console-link';
import { useHallI18n } from './hall-i18n';
import { Miniature } from './Miniature';

const ZONE_COLOURS = ['#4ea1ff', '#f5a524', '#3ecf8e', '#d46cff', '#ff6b81', '#2dd4bf', '#facc15'];
const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** What each group of screens shows, fetched again whenever the hall changes. */
function usePreviews(link: ConsoleLink, snapshot: ConsoleSnapshot) {
  const [previews, setPreviews] = useState<Record<string, ScreenState>>({});
  const groups = snapshot.screens.map((s) => `${s.zoneId ?? ''}|${s.role}`).join(',');
  useEffect(() => {
    let live = true;
    void link.hallPreviews().then((result) => {
      if (live && result.ok) setPreviews(result.data);
    });
    return () => {
      live = false;
    };
  }, [link, snapshot.hall.revision, groups]);
  return previews;
}

function Tile(props: {
  screen: ScreenSummary;
  state: ScreenState | undefined;
  colour: string | undefined;
  zoneName: string | undefined;
  mayEdit: boolean;
  onMove: (screen: ScreenSummary, position: { x: number; y: number }) => void;
  canvas: React.RefObject<HTMLDivElement | null>;
}) {
  const { screen, state, colour, zoneName, mayEdit, onMove, canvas } = props;
  const { t } = useHallI18n();
  const [drag, setDrag] = useState<{ x: number; y: number } | null>(null);
  const armed = screen.neededFiles > 0 && screen.heldFiles >= screen.neededFiles;
  const name = screen.label ?? screen.name;
  const position = drag ?? screen.position;

  const fraction = (event: PointerEvent) => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect) return null;
    const x = (event.clientX - rect.left) / rect.width;
    const y = (event.clientY - rect.top) / rect.height;
    return x < 0 || x > 1 || y < 0 || y > 1 ? null : { x: clamp(x), y: clamp(y) };
  };

  return (
    <button
      type="button"
      className={`hall-tile ${screen.online ? 'online' : 'offline'} ${drag ? 'dragging' : ''}`}
      data-screen={screen.name}
      style={{
        ...(position
          ? { left: `${position.x * 100}%`, top: `${position.y * 100}%`, position: 'absolute' }
          : {}),
        ...(colour ? { borderColor: colour } : {}),
      }}
      aria-label={`${name}${zoneName ? ` · ${zoneName}` : ''}`}
      onPointerDown={(e) => {
        if (!mayEdit) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag(fraction(e) ?? screen.position ?? { x: 0.5, y: 0.5 });
      }}
      onPointerMove={(e) => {
        if (!drag) return;
        const at = fraction(e);
        if (at) setDrag(at);
      }}
      onPointerUp={(e) => {
        if (!drag) return;
        const at = fraction(e);
        setDrag(null);
        if (at) onMove(screen, at);
      }}
      onKeyDown={(e) => {
        if (!mayEdit) return;
        const step = e.shiftKey ? 0.05 : 0.01;
        const from = screen.position ?? { x: 0.5, y: 0.5 };
        const moves: Record<string, { x: number; y: number }> = {
          ArrowLeft: { x: from.x - step, y: from.y },
          ArrowRight: { x: from.x + step, y: from.y },
          ArrowUp: { x: from.x, y: from.y - step },
          ArrowDown: { x: from.x, y: from.y + step },
        };
        const to = moves[e.key];
        if (!to) return;
        e.preventDefault();
        onMove(screen, { x: clamp(to.x), y: clamp(to.y) });
      }}
    >
      <Miniature state={screen.approved ? state : undefined} online={screen.online} />
      <span className="tile-name">
        <span className="dot" /> {name}
      </span>
      <span className="tile-facts">
        {!screen.approved
          ? t('screensPage.waiting')
          : !screen.online
            ? t('screensPage.offline')
            : armed
              ? `● ${t('view.armed')}`
              : `◐ ${t('screensPage.cacheState', screen.heldFiles, screen.neededFiles)}`}
        {screen.online && screen.lastLateMs !== null && (
          <span className="dim"> · {t('view.late', screen.lastLateMs)}</span>
        )}
      </span>
    </button>
  );
}

/**
 * The hall at a glance: the floor plan (or a grid) with every screen where it hangs, each
 * showing a live miniature of what it shows, whether it is online and armed, and how its last
 * change landed. Administrators place screens by dragging, or with the arrow keys.
 */
export function HallView(props: {
  link: ConsoleLink;
  snapshot: ConsoleSnapshot;
  mayEdit: boolean;
}) {
  const { link, snapshot, mayEdit } = props;
  const { t } = useHallI18n();
  const previews = usePreviews(link, snapshot);
  const canvas = useRef<HTMLDivElement>(null);
  const [planVersion, setPlanVersion] = useState(0);
  const [hasPlan, setHasPlan] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const zoneColour = (zoneId: string | null) => {
    const index = snapshot.zones.findIndex((z) => z.id === zoneId);
    return index < 0 ? undefined : ZONE_COLOURS[index % ZONE_COLOURS.length];
  };
  const move = useCallback(
    (screen: ScreenSummary, position: { x: number; y: number }) =>
      void link
        .updateScreen({ screenId: screen.id, position })
        .then((r) => setError(r.ok ? null : r.error)),
    [link],
  );

  async function uploadPlan(file: File | null, remove = false) {
    const response = await fetch('/api/hall/plan', {
      method: remove ? 'DELETE' : 'PUT',
      body: remove ? null : file,
      credentials: 'same-origin',
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: string };
    setError(response.ok ? null : (answer.error ?? `HTTP ${response.status}`));
    setHasPlan(true);
    setPlanVersion((v) => v + 1);
  }

  const placed = snapshot.screens.filter((s) => s.position);
  const unplaced = snapshot.screens.filter((s) => !s.position);
  const tile = (screen: ScreenSummary) => (
    <Tile
      key={screen.id}
      screen={screen}
      state={previews[`${screen.zoneId ?? ''}|${screen.role}`]}
      colour={zoneColour(screen.zoneId)}
      zoneName={snapshot.zones.find((z) => z.id === screen.zoneId)?.name}
      mayEdit={mayEdit}
      onMove={move}
      canvas={canvas}
    />
  );
  return (
    <main className="hall-page hall-view">
      <div className="row view-toolbar">
        <h2>{t('view.title')}</h2>
        <div className="zone-legend">
          {snapshot.zones.map((zone) => (
            <span key={zone.id} className="legend-item">
              <span className="swatch" style={{ background: zoneColour(zone.id) }} />
              {zone.name}
            </span>
          ))}
        </div>
        {mayEdit && (
          <>
            <label className="big-button file-button">
              {t('view.uploadPlan')}
              <input
                type="file"
                accept="image/*"
                onChange={(e) => void uploadPlan(e.target.files?.[0] ?? null)}
              />
            </label>
            {hasPlan && (
              <button
                type="button"
                className="big-button"
                onClick={() => void uploadPlan(null, true)}
              >
                {t('view.gridPlan')}
              </button>
            )}
          </>
        )}
      </div>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <div
        className={`hall-canvas ${hasPlan ? '' : 'grid'}`}
        ref={canvas}
        data-testid="hall-canvas"
      >
        {hasPlan && (
          <img
            className="hall-plan"
            src={`/api/hall/plan?v=${planVersion}`}
            alt=""
            draggable={false}
            onError={() => setHasPlan(false)}
          />
        )}
        {placed.map(tile)}
        {placed.length === 0 && (
          <p className="canvas-hint dim">{mayEdit ? t('view.dragHint') : t('view.noneplaced')}</p>
        )}
      </div>
      {unplaced.length > 0 && (
        <section className="tray">
          <h2>{t('view.unplaced')}</h2>
          {[null, ...snapshot.zones.map((z) => z.id)].map((zoneId) => {
            const members = unplaced.filter((s) => s.zoneId === zoneId);
            if (members.length === 0) return null;
            const zone = snapshot.zones.find((z) => z.id === zoneId);
            return (
              <div key={zoneId ?? 'none'} className="tray-group">
                <div className="tray-zone">{zone?.name ?? t('zone.none')}</div>
                <div className="tray-tiles">{members.map(tile)}</div>
              </div>
            );
          })}
        </section>
      )}
    </main>
  );
}
