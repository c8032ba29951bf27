import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { VisitorSettings } from '../../../src-shared/visitor';
import { useI18n } from './i18n';
import type { VisitorLink } from './visitor-link';

/**
 * The visitor pages panel: each theme's page and printable codes for everyone; for
 * administrators also on or off, which themes, and the public address the codes hold.
 */
export function VisitorPages({ link, mayManage }: { link: VisitorLink; mayManage: boolean }) {
  const { t, language } = useI18n();
  const { overview, saving, error } = useStore(link.store);
  const [draft, setDraft] = useState<VisitorSettings | null>(null);
  const [address, setAddress] = useState('');
  useEffect(() => {
    if (!overview) return;
    setDraft(overview.settings);
    setAddress(overview.settings.publicUrl ?? '');
  }, [overview]);
  if (!overview || !draft) return null;

  const ticked = new Set(draft.onlyPacks ?? overview.themes.map((theme) => theme.packId));
  const toggle = (packId: string) => {
    const next = new Set(ticked);
    if (next.has(packId)) next.delete(packId);
    else next.add(packId);
    setDraft({ ...draft, onlyPacks: [...next] });
  };
  const save = () =>
    void link.save({ ...draft, publicUrl: address.trim() === '' ? null : address.trim() });
  const titleOf = (title: { zh: string; en: string }) =>
    language === 'zh-CN' ? title.zh : title.en;

  return (
    <section className="panel visitor-panel" data-testid="visitor-panel">
      <h2>{t('visitor.title')}</h2>
      <p className="dim small">{t('visitor.intro')}</p>
      {mayManage && (
        <>
          <label className="visitor-row">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
              data-testid="visitor-enabled"
            />
            {t('visitor.enabled')}
          </label>
          <div className="visitor-row">
            <label>
              <input
                type="radio"
                name="visitor-scope"
                checked={draft.onlyPacks === null}
                onChange={() => setDraft({ ...draft, onlyPacks: null })}
              />
              {t('visitor.all')}
            </label>
            <label>
              <input
                type="radio"
                name="visitor-scope"
                checked={draft.onlyPacks !== null}
                onChange={() => setDraft({ ...draft, onlyPacks: [...ticked] })}
                data-testid="visitor-some"
              />
              {t('visitor.some')}
            </label>
          </div>
        </>
      )}
      {overview.themes.length === 0 ? (
        <p className="empty">{t('visitor.noThemes')}</p>
      ) : (
        <ul className="visitor-themes">
          {overview.themes.map((theme) => (
            <li key={theme.packId} data-pack={theme.packId}>
              {mayManage && draft.onlyPacks !== null && (
                <input
                  type="checkbox"
                  aria-label={titleOf(theme.title)}
                  checked={ticked.has(theme.packId)}
                  onChange={() => toggle(theme.packId)}
                />
              )}
              <span className="mini-key">{theme.key}</span>
              <span className="visitor-title">{titleOf(theme.title)}</span>
              {theme.visible ? (
                <span className="visitor-links">
                  <a href={theme.pageUrl} target="_blank" rel="noreferrer">
                    {t('visitor.open')}
                  </a>
                  <a href={theme.qrSvg} download={`qr-${theme.packId}.svg`}>
                    {t('visitor.qrSvg')}
                  </a>
                  <a href={theme.qrPng} download={`qr-${theme.packId}.png`}>
                    {t('visitor.qrPng')}
                  </a>
                </span>
              ) : (
                <span className="dim small">{t('visitor.hidden')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayManage && (
        <label className="visitor-address">
          <span>{t('visitor.publicUrl')}</span>
          <input
            type="url"
            value={address}
            placeholder={overview.publicUrl}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="visitor-public-url"
          />
          <span className="dim small">{t('visitor.publicUrlHint')}</span>
        </label>
      )}
      <p className="small">
        {t('visitor.inUse')} <code>{overview.publicUrl}</code>{' '}
        <span className="dim">({t(`visitor.source.${overview.publicUrlSource}`)})</span>
      </p>
      {error && (
        <div className="banner error" role="alert">
          {error === 'timeout' ? t('visitor.timeout') : error}
        </div>
      )}
      {mayManage && (
        <button type="button" onClick={save} disabled={saving} data-testid="visitor-save">
          {saving ? t('visitor.saving') : t('visitor.save')}
        </button>
      )}
    </section>
  );
}
