import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, isIsoDate } from '../../../src/domain/dates.js';
import { DATE_LABELS, type DateLabels } from '../date-labels';
import { useDateInput } from '../use-date-input';
import { Icon } from './Icon';
import { FieldFrame, describedBy, type FieldShell } from './ui';
import './date-field.css';

export interface DateFieldProps extends FieldShell {
  /** `YYYY-MM-DD`, or `''` for none. */
  value: string;
  /**
   * Called as the text changes: a `YYYY-MM-DD` date, `''` for nothing, or the text as typed when it is not a
   * date, so that a form refuses it rather than saving no date (`useDateInput().problem` says what is wrong).
   */
  onChange: (value: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  id?: string;
  'data-testid'?: string;
  labels?: DateLabels;
}

/**
 * A date typed as the app writes dates ("3 Dec 2026" in en-GB, "Dec 3, 2026" in en-US) or in the locale's
 * digits, ISO, or "today"; a hint shows the form, a button opens the browser's own calendar, and Up and Down
 * step a day. The text is written out again in the app's form when the field is left, so what was understood
 * is what shows.
 */
export function DateField({
  label,
  error,
  hint,
  className,
  value,
  onChange,
  min,
  max,
  labels = DATE_LABELS,
  ...rest
}: DateFieldProps) {
  const dates = useDateInput(labels);
  const auto = useId();
  const id = rest.id ?? auto;
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => dates.format(value));
  const [shown, setShown] = useState(value);
  // Whether the field was left since its last change: a problem shows then, not while typing.
  const [left, setLeft] = useState(false);
  const valueOf = (typed: string) => {
    const read = dates.read(typed);
    return read.ok ? read.date : typed.trim();
  };
  // A value changed from outside (a form reset, a link's filter) replaces the text; one typed here does not.
  if (value !== shown) {
    setShown(value);
    if (valueOf(text) !== value) setText(dates.format(value));
  }
  const read = dates.read(text);
  const outside =
    read.ok && read.date !== ''
      ? min && read.date < min
        ? labels.notBefore(dates.format(min))
        : max && read.date > max
          ? labels.notAfter(dates.format(max))
          : undefined
      : undefined;
  const problem = error ?? (left ? (read.ok ? outside : read.error) : undefined);
  const fullHint = hint ? `${hint}. ${dates.hint}` : dates.hint;

  /** New text in the field (typed, stepped or picked) and the value it gives. */
  const put = (shownText: string, date: string) => {
    setText(shownText);
    setLeft(false);
    onChange(date);
  };
  // Up and Down step a day, as in the browser's own date field; from today when the field is empty.
  const step = (e: KeyboardEvent<HTMLInputElement>) => {
    const days = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
    if (days === 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !read.ok) return;
    e.preventDefault();
    const next = addDays(read.date || dates.today, days);
    put(dates.format(next), next);
  };
  const openCalendar = () => {
    try {
      picker.current?.showPicker();
    } catch {
      // A browser without showPicker (or refusing it) still has the typed form, which always works.
    }
  };
  return (
    <FieldFrame
      id={id}
      label={label}
      error={problem}
      hint={fullHint}
      className={`date-field${className ? ` ${className}` : ''}`}
    >
      <div className="date-field-control">
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => put(e.target.value, valueOf(e.target.value))}
          onKeyDown={step}
          onBlur={() => {
            setLeft(true);
            // Written again the app's way ("3/12" becomes "3 Dec 2026"), or as the value kept if it refused this.
            if (read.ok) setText(dates.format(value));
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(id, problem, fullHint)}
          data-testid={rest['data-testid']}
        />
        <button
          type="button"
          className="icon-btn date-field-open"
          onClick={openCalendar}
          aria-label={labels.openCalendar(label)}
          data-testid={rest['data-testid'] && `${rest['data-testid']}-calendar`}
        >
          <Icon name="calendar" size={18} />
        </button>
        {/* The browser's calendar, opened by the button: out of the tab order and hidden from screen readers,
            which have the text field. */}
        <input
          ref={picker}
          type="date"
          className="date-field-native"
          tabIndex={-1}
          aria-hidden="true"
          value={isIsoDate(value) ? value : ''}
          min={min}
          max={max}
          onChange={(e) => put(dates.format(e.target.value), e.target.value)}
        />
      </div>
    </FieldFrame>
  );
}
