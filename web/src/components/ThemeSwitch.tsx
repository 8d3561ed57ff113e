import { useId, useState } from 'react';
import { THEME_CHOICES, chooseTheme, savedTheme, type ThemeChoice } from '../app/theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Theme: System, Light or Dark; remembered in this browser. */
export function ThemeSwitch({ className }: { className?: string }) {
  const id = useId();
  const [choice, setChoice] = useState(savedTheme);
  return (
    <div className={className ? `theme-switch ${className}` : 'theme-switch'}>
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        data-testid="theme-switch"
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          chooseTheme(next);
          setChoice(next);
        }}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {LABELS[c]}
          </option>
        ))}
      </select>
    </div>
  );
}
