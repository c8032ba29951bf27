import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { VisitorSettings } from '../../../src-shared/visitor';
import type { VisitorLink } from './visitor-link';
import { VISITOR_TEXT as T } from './visitor-strings';

/** Both languages, Chinese first, as every console label. */
const Both = ({ text }: { text: { zh: string; en: string } }) => (
  <>
    {text.zh} <span className="dim">{text.en}</span>
  </>
);

/**
 * Administrator's panel for the visitor pages: on or off, which themes, the public address
 * QR codes hold, and each theme's page and printable codes.
 */
export function VisitorPages({ link }: { link: VisitorLink }) {
  const { overview, saving, error } = useStore(link.store);
  const [draft, setDraft] = useState<VisitorSettings | null>(null);
  const [address, setAddress] = useState('');
  useEffect(() => {
    if (!overview) return;
    setDraft(overview.settings);
    setAddress(overview.settings.publicUrl ?? '');
  }, [overview]);
  if (!overview || !draft) return null;

  const ticked = new Set(draft.onlyPacks ?? overview.themes.map((t) => t.packId));
  const toggle = (packId: string) => {
    const next = new Set(ticked);
    if (next.has(packId)) next.delete(packId);
    else next.add(packId);
    setDraft({ ...draft, onlyPacks: [...next] });
  };
  const save = () =>
    void link.save({ ...draft, publicUrl: address.trim() === '' ? null : address.trim() });

  return (
    <section className="panel visitor-panel" data-testid="visitor-panel">
      <h2>
        <Both text={T.title} />
      </h2>
      <p className="dim small">
        {T.intro.zh} {T.intro.en}
      </p>
      <label className="visitor-row">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          data-testid="visitor-enabled"
        />
        <Both text={T.enabled} />
      </label>
      <div className="visitor-row">
        <label>
          <input
            type="radio"
            name="visitor-scope"
            checked={draft.onlyPacks === null}
            onChange={() => setDraft({ ...draft, onlyPacks: null })}
          />
          <Both text={T.all} />
        </label>
        <label>
          <input
            type="radio"
            name="visitor-scope"
            checked={draft.onlyPacks !== null}
            onChange={() => setDraft({ ...draft, onlyPacks: [...ticked] })}
            data-testid="visitor-some"
          />
          <Both text={T.some} />
        </label>
      </div>
      {overview.themes.length === 0 ? (
        <p className="empty">
          <Both text={T.noThemes} />
        </p>
      ) : (
        <ul className="visitor-themes">
          {overview.themes.map((theme) => (
            <li key={theme.packId} data-pack={theme.packId}>
              {draft.onlyPacks !== null && (
                <input
                  type="checkbox"
                  aria-label={theme.title.en}
                  checked={ticked.has(theme.packId)}
                  onChange={() => toggle(theme.packId)}
                />
              )}
              <span className="mini-key">{theme.key}</span>
              <span className="visitor-title">{theme.title.zh}</span>
              {theme.visible ? (
                <span className="visitor-links">
                  <a href={theme.pageUrl} target="_blank" rel="noreferrer">
                    {T.open.zh}
                  </a>
                  <a href={theme.qrSvg} download={`qr-${theme.packId}.svg`}>
                    {T.qrSvg.zh}
                  </a>
                  <a href={theme.qrPng} download={`qr-${theme.packId}.png`}>
                    {T.qrPng.zh}
                  </a>
                </span>
              ) : (
                <span className="dim small">
                  {T.hidden.zh} · {T.hidden.en}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <label className="visitor-address">
        <span>
          <Both text={T.publicUrl} />
        </span>
        <input
          type="url"
          value={address}
          placeholder={overview.publicUrl}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="visitor-public-url"
        />
        <span className="dim small">
          {T.publicUrlHint.zh} · {T.publicUrlHint.en}
        </span>
      </label>
      <p className="small">
        {T.inUse.zh} <code>{overview.publicUrl}</code>{' '}
        <span className="dim">
          ({T.source[overview.publicUrlSource].zh} · {T.source[overview.publicUrlSource].en})
        </span>
      </p>
      {error && (
        <div className="banner error" role="alert">
          {error === 'timeout' ? `${T.timeout.zh} · ${T.timeout.en}` : error}
        </div>
      )}
      <button type="button" onClick={save} disabled={saving} data-testid="visitor-save">
        {saving ? `${T.saving.zh} · ${T.saving.en}` : `${T.save.zh} · ${T.save.en}`}
      </button>
    </section>
  );
}
