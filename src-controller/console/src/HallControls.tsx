import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConsoleSnapshot, Keymap } from '../../../src-shared/protocol';
import type { ConsoleLink } from './console-link';
import { EmergencyDialog } from './EmergencyDialog';
import { useHallI18n } from './hall-i18n';
import { OverrideControls } from './OverrideControls';
import { ProgrammeLine } from './ProgrammePage';
import { useHallHotkeys } from './use-hall-hotkeys';
import { ZoneTarget } from './ZoneTarget';
import './hall.css';

export type Page =
  'hall' | 'view' | 'screens' | 'programme' | 'setup' | 'accounts' | 'tokens' | 'audit' | 'me';
const PAGE_NAMES: readonly string[] = [
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

const pageFromHash = (): Page => {
  const name = window.location.hash.replace(/^#\/?/, '');
  return PAGE_NAMES.includes(name) ? (name as Page) : 'hall';
};

/**
 * The console's page, kept in the address (#/screens, #/programme…) so a page can be bookmarked
 * and the browser's back button works.
 */
export function usePage(): [Page, (page: Page) => void] {
  const [page, setPage] = useState(pageFromHash);
  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Page) => {
    window.location.hash = `#/${next}`;
    setPage(next);
  }, []);
  return [page, go];
}

/** Keyboard keys bound to each theme, for the labels on the theme buttons. */
function keysByTheme(keymap: Keymap): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, themeKey] of Object.entries(keymap)) (result[themeKey] ??= []).push(key);
  return result;
}

/**
 * Everything around the theme keys on the hall page: blackout and emergency, the zone target,
 * the keyboard. The keys themselves are rendered by the caller with the press function given.
 */
export function HallControls(props: {
  link: ConsoleLink;
  snapshot: ConsoleSnapshot;
  children: (
    press: (themeKey: string) => void,
    keyLabels: Record<string, string[]>,
    zoneTags: Record<string, string[]>,
  ) => ReactNode;
}) {
  const { link, snapshot } = props;
  const { t } = useHallI18n();
  const [target, setTarget] = useState<string | null>(null);
  const [dialog, setDialog] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zones = snapshot.zones;
  const override = snapshot.hall.override;

  // A deleted zone cannot stay the target.
  useEffect(() => {
    if (target && !zones.some((z) => z.id === target)) setTarget(null);
  }, [target, zones]);

  const press = useCallback(
    (themeKey: string) => {
      if (target === null) {
        void link.activate(themeKey);
        return;
      }
      link.store.setState({
        lastPress: { key: themeKey, at: Date.now(), outcome: 'sent', message: '' },
      });
      void link.activateIn(themeKey, target).then((result) =>
        link.store.setState({
          lastPress: result.ok
            ? { key: themeKey, at: Date.now(), outcome: 'ok', message: '' }
            : { key: themeKey, at: Date.now(), outcome: 'error', message: result.error },
        }),
      );
    },
    [link, target],
  );

  const run = useCallback(
    (action: () => Promise<{ ok: boolean; error?: string }>) =>
      void action().then((result) => setError(result.ok ? null : (result.error ?? null))),
    [],
  );
  const blackout = useCallback(() => {
    // B is a toggle: a second press brings the hall back.
    if (snapshot.hall.override?.kind === 'blackout') run(link.clearOverride);
    else run(link.blackout);
  }, [link, run, snapshot.hall.override]);
  const clear = useCallback(() => {
    if (snapshot.hall.override) run(link.clearOverride);
  }, [link, run, snapshot.hall.override]);

  useHallHotkeys({
    keymap: snapshot.keymap,
    onTheme: press,
    onBlackout: blackout,
    onEmergency: () => setDialog(true),
    onClear: clear,
    onNextZone: () => {
      if (zones.length === 0) return;
      const index = zones.findIndex((z) => z.id === target);
      setTarget(index + 1 < zones.length ? (zones[index + 1]?.id ?? null) : null);
    },
    onWholeHall: () => setTarget(null),
    enabled: !dialog,
  });

  const keyLabels = useMemo(() => keysByTheme(snapshot.keymap), [snapshot.keymap]);
  const zoneTags = useMemo(() => {
    const tags: Record<string, string[]> = {};
    for (const zone of zones) if (zone.themeKey) (tags[zone.themeKey] ??= []).push(zone.name);
    return tags;
  }, [zones]);
  const zoneName = zones.find((z) => z.id === target)?.name;
  return (
    <>
      <OverrideControls
        override={override}
        error={error}
        onBlackout={blackout}
        onEmergency={() => setDialog(true)}
        onClear={clear}
      />
      <ProgrammeLine
        status={snapshot.programme}
        themes={snapshot.themes}
        onResume={() => run(link.resumeProgramme)}
      />
      <h2>
        {t('keys.heading')}{' '}
        <span className={`count ${target ? 'zoned' : ''}`} data-testid="target">
          {target && zoneName ? t('target.only', zoneName) : t('target.hall')}
        </span>
      </h2>
      <ZoneTarget zones={zones} target={target} onTarget={setTarget} />
      {props.children(press, keyLabels, zoneTags)}
      {dialog && (
        <EmergencyDialog
          packs={snapshot.packs}
          listMedia={link.listPackMedia}
          onShow={async (request) => {
            const result = await link.raiseEmergency(request);
            return result.ok ? null : result.error;
          }}
          onClose={() => setDialog(false)}
        />
      )}
    </>
  );
}
