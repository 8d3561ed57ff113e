import type { FormEvent, ReactNode } from 'react';
import type { FieldErrors } from '../forms';
import { Alert } from './ui';

/**
 * A form that checks its own fields (not the browser's bubbles, which neither match the look nor the
 * language), with the error that names none of them on top.
 */
export function Form({
  className = 'form',
  onSubmit,
  errors,
  children,
  ...rest
}: {
  className?: string;
  onSubmit: (event: FormEvent) => void;
  errors: FieldErrors;
  children: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <form className={className} onSubmit={onSubmit} noValidate data-testid={rest['data-testid']}>
      <FormError errors={errors} />
      {children}
    </form>
  );
}

/** The error that names no field the form shows (`_form`), if there is one. */
export function FormError({ errors, ...rest }: { errors: FieldErrors; 'data-testid'?: string }) {
  const message = errors['_form'];
  return message ? (
    <Alert tone="error" data-testid={rest['data-testid']}>
      {message}
    </Alert>
  ) : null;
}
