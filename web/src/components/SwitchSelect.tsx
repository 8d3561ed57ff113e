import { useId } from 'react';

/** A labelled select of the app's own settings (theme, language), styled for the sidebar or the phone's menu. */
export function SwitchSelect<T extends string>({
  className,
  label,
  value,
  choices,
  onChange,
  testId,
}: {
  className?: string | undefined;
  label: string;
  value: T;
  choices: readonly { value: T; label: string; lang?: string }[];
  onChange: (value: T) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className={className ? `theme-switch ${className}` : 'theme-switch'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value} lang={c.lang}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
