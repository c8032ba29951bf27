import type { ZoneSummary } from '../../../src-shared/protocol';
import { useHallI18n } from './hall-i18n';

/**
 * What the theme keys switch: the whole hall (the default) or just one zone. A zone target is
 * shown in amber so nobody forgets it is set.
 */
export function ZoneTarget(props: {
  zones: ZoneSummary[];
  target: string | null;
  onTarget: (zone: string | null) => void;
}) {
  const { zones, target, onTarget } = props;
  const { t } = useHallI18n();
  if (zones.length === 0) return null;
  const options = [{ id: null, name: t('target.hall') }, ...zones];
  return (
    <div className={`zone-target ${target ? 'zoned' : ''}`}>
      <span className="zone-target-label">{t('target.label')}:</span>
      <div className="chips" role="radiogroup" aria-label={t('target.label')}>
        {options.map((option) => (
          <button
            key={option.id ?? 'hall'}
            type="button"
            role="radio"
            aria-checked={target === option.id}
            className={`chip ${target === option.id ? 'selected' : ''}`}
            data-zone={option.id ?? ''}
            onClick={() => onTarget(option.id)}
          >
            {option.id === null ? option.name : t('target.only', option.name)}
          </button>
        ))}
      </div>
      <span className="dim small">{t('target.hint')}</span>
    </div>
  );
}
