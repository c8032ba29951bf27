import { useEffect, useState } from 'react';
import { CONSOLE_KEYS, type ConsoleSnapshot, type Keymap } from '../../../src-shared/protocol';
import type { ConsoleLink } from './console-link';
import { useHallI18n } from './hall-i18n';

/** Which keyboard key fires each theme; saved for every console of this hall. */
function KeysEditor({ link, snapshot }: { link: ConsoleLink; snapshot: ConsoleSnapshot }) {
  const { t } = useHallI18n();
  const themeKeyOf = (keymap: Keymap) => {
    const byTheme: Record<string, string> = {};
    for (const [key, themeKey] of Object.entries(keymap)) byTheme[themeKey] ??= key;
    return byTheme;
  };
  const [draft, setDraft] = useState(() => themeKeyOf(snapshot.keymap));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(themeKeyOf(snapshot.keymap)), [snapshot.keymap]);

  async function save() {
    const keymap: Keymap = {};
    for (const [themeKey, key] of Object.entries(draft)) {
      if (!key) continue;
      if (keymap[key as keyof Keymap]) {
        setMessage({ ok: false, text: t('setup.duplicateKey', key) });
        return;
      }
      keymap[key as keyof Keymap] = themeKey;
    }
    const result = await link.setKeymap(keymap);
    setMessage(
      result.ok ? { ok: true, text: t('setup.saved') } : { ok: false, text: result.error },
    );
  }

  return (
    <section className="panel">
      <h2>{t('setup.keysTitle')}</h2>
      <p className="dim">{t('setup.keysHint')}</p>
      <ul className="keymap">
        {snapshot.themes.map((theme) => (
          <li key={theme.key}>
            <select
              aria-label={`${theme.title.en} key`}
              data-theme={theme.key}
              value={draft[theme.key] ?? ''}
              onChange={(e) => setDraft({ ...draft, [theme.key]: e.target.value })}
            >
              <option value="">{t('setup.noKey')}</option>
              {CONSOLE_KEYS.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
            <span lang="zh-CN">{theme.title.zh}</span>
            <span className="dim small">{theme.title.en}</span>
          </li>
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          className="big-button"
          data-testid="save-keys"
          onClick={() => void save()}
        >
          {t('setup.saveKeys')}
        </button>
        {message && (
          <span
            className={message.ok ? 'ok-text' : 'error-text'}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
}

function ZoneRow(props: {
  link: ConsoleLink;
  zone: { id: string; name: string };
  members: number;
  onError: (error: string | null) => void;
}) {
  const { t } = useHallI18n();
  const { link, zone, members, onError } = props;
  const [name, setName] = useState(zone.name);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setName(zone.name), [zone.name]);
  return (
    <li className="zone-row" data-zone={zone.id}>
      <input
        aria-label={`${zone.name}`}
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.target.value)}
      />
      <span className="dim">{t('setup.zoneScreens', members)}</span>
      <button
        type="button"
        disabled={name.trim() === zone.name || !name.trim()}
        onClick={() =>
          void link.saveZone(name, zone.id).then((r) => onError(r.ok ? null : r.error))
        }
      >
        {t('setup.rename')}
      </button>
      {confirming ? (
        <button
          type="button"
          className="revoke armed"
          onBlur={() => setConfirming(false)}
          onClick={() => void link.deleteZone(zone.id).then((r) => onError(r.ok ? null : r.error))}
        >
          {t('setup.confirmDelete')}
        </button>
      ) : (
        <button type="button" className="revoke" onClick={() => setConfirming(true)}>
          {t('setup.delete')}
        </button>
      )}
    </li>
  );
}

/** Named groups of screens that a zone press switches on their own. */
function ZonesEditor({ link, snapshot }: { link: ConsoleLink; snapshot: ConsoleSnapshot }) {
  const { t } = useHallI18n();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel">
      <h2>{t('setup.zonesTitle')}</h2>
      <p className="dim">{t('setup.zonesHint')}</p>
      {snapshot.zones.length === 0 && <p className="empty">{t('setup.noZones')}</p>}
      <ul className="zones-list">
        {snapshot.zones.map((zone) => (
          <ZoneRow
            key={zone.id}
            link={link}
            zone={zone}
            members={snapshot.screens.filter((s) => s.zoneId === zone.id).length}
            onError={setError}
          />
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void link.saveZone(name).then((r) => {
            setError(r.ok ? null : r.error);
            if (r.ok) setName('');
          });
        }}
      >
        <input
          aria-label={t('setup.newZone')}
          placeholder={t('setup.newZone')}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="big-button" disabled={!name.trim()}>
          {t('setup.addZone')}
        </button>
      </form>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

/** Keys & zones: the set-up behind the hall page's keys. */
export function SetupPage({ link, snapshot }: { link: ConsoleLink; snapshot: ConsoleSnapshot }) {
  return (
    <main className="hall-page setup-page">
      <KeysEditor link={link} snapshot={snapshot} />
      <ZonesEditor link={link} snapshot={snapshot} />
    </main>
  );
}
