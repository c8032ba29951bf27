import type { HallSummary, ThemeSummary } from '../../../src-shared/protocol';
import type { PressFeedback } from './console-store';
import { useI18n } from './i18n';

/** Whether every online screen holds this theme's files, verified by hash. */
function ArmedBadge({ armed }: { armed: ThemeSummary['armed'] }) {
  const { t } = useI18n();
  if (armed.total === 0) return <span className="armed none">{t('keys.noScreens')}</span>;
  if (armed.ready === armed.total) {
    return (
      <span className="armed ready" data-armed="yes">
        {armed.total === 1 ? t('keys.armedOne') : t('keys.armedAll', armed.total)}
      </span>
    );
  }
  return (
    <span className="armed partial" data-armed="no">
      {t('keys.armedPartial', armed.ready, armed.total)}
    </span>
  );
}

/** One big button per theme, labelled with the key that fires it. */
export function ThemeKeys(props: {
  themes: ThemeSummary[];
  hall: HallSummary;
  lastPress: PressFeedback | null;
  onPress: (key: string) => void;
  /** The keyboard keys bound to each theme (see the Keys & zones page). */
  keyLabels?: Record<string, string[]>;
  /** Zones playing each theme on their own. */
  zoneTags?: Record<string, string[]>;
}) {
  const { themes, hall, lastPress, onPress, keyLabels, zoneTags } = props;
  const { t } = useI18n();
  if (themes.length === 0) {
    return <p className="empty">{t('keys.none')}</p>;
  }
  return (
    <div className="theme-keys">
      {themes.map((theme) => {
        const onAir = hall.themeKey === theme.key;
        const pressed = lastPress?.key === theme.key && lastPress.outcome === 'sent';
        return (
          <button
            key={theme.key}
            type="button"
            className={`theme-key ${onAir ? 'on-air' : ''} ${pressed ? 'pressed' : ''}`}
            data-key={theme.key}
            aria-pressed={onAir}
            onClick={() => onPress(theme.key)}
          >
            <span className="key-cap">
              {keyLabels ? (keyLabels[theme.key]?.join(' ') ?? '–') : theme.key}
            </span>
            <span className="key-title-zh" lang="zh-CN">
              {theme.title.zh}
            </span>
            <span className="key-title-en" lang="en">
              {theme.title.en}
            </span>
            <ArmedBadge armed={theme.armed} />
            <span className="key-meta">
              {t('keys.meta', theme.slideCount, theme.packId, theme.packVersion)}
            </span>
            {onAir && <span className="on-air-badge">{t('keys.onAirBadge')}</span>}
            {zoneTags?.[theme.key] && (
              <span className="zone-tags">
                {zoneTags[theme.key]?.map((zone) => (
                  <span key={zone} className="zone-tag">
                    {zone}
                  </span>
                ))}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
