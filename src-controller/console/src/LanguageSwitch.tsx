import { LANGUAGES, useI18n, type Language } from './i18n';
import { chooseLanguage } from './session';

const NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '中文' };

/** Two large buttons, each labelled in its own language so anyone can find theirs. */
export function LanguageSwitch() {
  const { language, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={language === l}
          className={language === l ? 'active' : ''}
          onClick={() => void chooseLanguage(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
