import type { ActiveOverride } from '../../../src-shared/protocol';
import { useHallI18n } from './hall-i18n';

/**
 * The blackout and emergency keys, or, while one is on, a banner that cannot be missed with
 * the one button that clears it.
 */
export function OverrideControls(props: {
  override: ActiveOverride | null;
  error: string | null;
  onBlackout: () => void;
  onEmergency: () => void;
  onClear: () => void;
}) {
  const { override, error, onBlackout, onEmergency, onClear } = props;
  const { t, time } = useHallI18n();
  return (
    <div className="override-area">
      {override ? (
        <div
          className={`override-banner ${override.kind}`}
          role="status"
          data-override={override.kind}
        >
          <div className="override-text">
            <div className="override-title">
              {override.kind === 'blackout' ? '■ ' : '⚠ '}
              {override.kind === 'blackout'
                ? t('override.blackoutActive')
                : t('override.emergencyActive')}
            </div>
            {override.kind === 'emergency' && (
              <div className="override-message">
                {override.message.zh && <span lang="zh-CN">{override.message.zh}</span>}
                {override.message.en && <span lang="en">{override.message.en}</span>}
              </div>
            )}
            <div className="override-meta">
              {t('override.since', time(override.since), override.by)} · {t('override.underneath')}
            </div>
          </div>
          <button
            type="button"
            className="big-button clear"
            data-testid="clear-override"
            onClick={onClear}
          >
            {t('override.clear')} <kbd>Esc</kbd>
          </button>
        </div>
      ) : (
        <div className="override-keys">
          <button
            type="button"
            className="big-button blackout"
            data-testid="blackout"
            onClick={onBlackout}
          >
            <span>
              {t('override.blackout')} <kbd>B</kbd>
            </span>
            <span className="hint">{t('override.blackoutHint')}</span>
          </button>
          <button
            type="button"
            className="big-button emergency"
            data-testid="emergency"
            onClick={onEmergency}
          >
            <span>
              ⚠ {t('override.emergency')}… <kbd>E</kbd>
            </span>
            <span className="hint">{t('override.emergencyHint')}</span>
          </button>
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
