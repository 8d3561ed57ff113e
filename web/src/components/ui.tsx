import {
  useEffect,
  useId,
  useRef,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { addMonths, monthText } from '../format';
import { Icon, type IconName } from './Icon';
import { shutBehindDialog } from './shut-behind-dialog';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

export function Button({
  variant = 'secondary',
  icon,
  busy,
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; icon?: IconName; busy?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <Spinner small /> : icon ? <Icon name={icon} size={18} /> : null}
      {children}
    </button>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
  ...rest
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} data-testid={rest['data-testid']}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2 className="card-title">{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export interface FieldShell {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
}

/** A field's label, its control, and under it the error or else the hint (ids from `describedBy`). */
export function FieldFrame({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          <Icon name="alert" size={14} /> {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({
  label,
  error,
  hint,
  className,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const id = input.id ?? auto;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      <input
        {...input}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const id = select.id ?? auto;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      <select
        {...select}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...area
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const id = area.id ?? auto;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        {...area}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function Alert({
  tone = 'error',
  title,
  children,
  ...rest
}: {
  tone?: 'error' | 'warning' | 'success' | 'info';
  title?: string;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const icon: IconName = tone === 'success' ? 'check' : tone === 'info' ? 'cloud' : 'alert';
  return (
    <div
      className={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={rest['data-testid']}
    >
      <Icon name={icon} size={18} />
      <div>
        {title && <strong className="alert-title">{title}</strong>}
        {children && <div className="alert-body">{children}</div>}
      </div>
    </div>
  );
}

export function Spinner({ small, label }: { small?: boolean; label?: string }) {
  return (
    <span className={`spinner${small ? ' spinner-small' : ''}`} role={label ? 'status' : undefined}>
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const shown = label ?? t('common.loading');
  return (
    <div className="loading">
      <Spinner label={shown} /> <span aria-hidden="true">{shown}</span>
    </div>
  );
}

export function EmptyState({
  icon = 'wallet',
  title,
  children,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="empty">
      <div className="empty-icon">
        <Icon name={icon} size={26} />
      </div>
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'brand';

export function ProgressBar({
  percent,
  tone = 'brand',
  label,
}: {
  percent: number;
  tone?: Tone;
  label: string;
}) {
  const shown = Math.max(0, Math.min(100, percent));
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(shown)}
    >
      <div className="progress-fill" style={{ width: `${shown}%` }} />
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function budgetTone(percent: number): Tone {
  return percent > 100 ? 'bad' : percent >= 80 ? 'warn' : 'good';
}

/** A dialog: focus moves in when it opens and back when it closes; Escape and the backdrop close it. */
export function Modal({
  title,
  onClose,
  children,
  footer,
  ...rest
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const layer = backdrop.current ?? undefined;
    shutBehindDialog();
    const first = panel.current?.querySelector<HTMLElement>(
      'input, select, textarea, button:not(.modal-close)',
    );
    first?.focus();
    // Escape closes the topmost dialog only (a question asked over a form leaves the form open).
    const onKey = (e: KeyboardEvent) => {
      const dialogs = document.querySelectorAll('[role="dialog"]');
      if (e.key === 'Escape' && dialogs[dialogs.length - 1] === panel.current) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      shutBehindDialog(layer);
      previous?.focus?.();
    };
  }, [onClose]);
  // Outside the app's root, so that the page behind can be made inert while the dialog stays live.
  return createPortal(
    <div
      className="modal-backdrop"
      ref={backdrop}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={panel}
        data-testid={rest['data-testid']}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="icon-btn modal-close"
            onClick={onClose}
            aria-label={t('common.close')}
          >
            <Icon name="close" />
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}

export function MonthPicker({
  month,
  onChange,
  locale,
}: {
  month: string;
  onChange: (month: string) => void;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="month-picker" data-testid="month-picker">
      <button
        type="button"
        className="icon-btn"
        onClick={() => onChange(addMonths(month, -1))}
        aria-label={t('common.previousMonth')}
      >
        <Icon name="chevronLeft" />
      </button>
      <label className="month-picker-label">
        <span className="month-picker-text">{monthText(month, locale)}</span>
        <input
          type="month"
          value={month}
          aria-label={t('common.month')}
          onChange={(e) => e.target.value && onChange(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="icon-btn"
        onClick={() => onChange(addMonths(month, 1))}
        aria-label={t('common.nextMonth')}
      >
        <Icon name="chevronRight" />
      </button>
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={t('common.couldNotLoad')}>
      {error.message}{' '}
      {onRetry && (
        <button type="button" className="link-btn" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      )}
    </Alert>
  );
}
