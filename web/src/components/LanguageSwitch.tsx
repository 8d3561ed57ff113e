import { useTranslation } from 'react-i18next';
import { useToast } from '../app/toast-context';
import { LANGUAGES, type Language } from '../i18n/language';
import { useLanguage } from '../i18n/use-language';
import { SwitchSelect } from './SwitchSelect';

/** Each language named in itself, so that a reader who cannot read the current one still finds theirs. */
const NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

/** Language of the UI: English or Deutsch; saved to the signed-in user, so it follows them to other devices. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { language, change } = useLanguage();
  const toast = useToast();
  return (
    <SwitchSelect
      className={className}
      label={t('settings.language')}
      value={language}
      choices={LANGUAGES.map((l) => ({ value: l, label: NAMES[l], lang: l }))}
      testId="language-switch"
      onChange={(next) => {
        change(next).catch(() => toast(t('settings.languageNotSaved'), 'error'));
      }}
    />
  );
}
