import type { ReactNode } from 'react';

interface FieldProps {
  name: string;
  label: string;
  children: ReactNode;
  mono?: boolean;
}

/** One label/value row of a <dl>. */
export function Field({ name, label, children, mono = false }: FieldProps) {
  return (
    <div className="field" data-testid={`field-${name}`}>
      <dt className="field__label">{label}</dt>
      <dd className={`field__value${mono ? ' mono' : ''}`}>{children}</dd>
    </div>
  );
}
