import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEME_CHOICES, chooseTheme, savedTheme } from '../app/theme';
import { SwitchSelect } from './SwitchSelect';

/** Theme: System, Light or Dark; remembered in this browser. */
export function ThemeSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(savedTheme);
  return (
    <SwitchSelect
      className={className}
      label={t('settings.theme')}
      value={choice}
      choices={THEME_CHOICES.map((c) => ({ value: c, label: t(`settings.themes.${c}`) }))}
      testId="theme-switch"
      onChange={(next) => {
        chooseTheme(next);
        setChoice(next);
      }}
    />
  );
}
