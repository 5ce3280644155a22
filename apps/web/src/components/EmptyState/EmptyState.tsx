import type { ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.tsx';
import './EmptyState.css';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  tone?: 'neutral' | 'danger' | 'loading';
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  wide?: boolean;
}

export function EmptyState({
  icon,
  title,
  tone = 'neutral',
  children,
  actions,
  testId,
  wide = false,
}: EmptyStateProps) {
  return (
    <div
      className={`empty empty--${tone}${wide ? ' empty--wide' : ''}`}
      role={tone === 'danger' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <div className="empty__icon">
        {tone === 'loading' ? (
          <span className="spinner" aria-hidden="true" />
        ) : (
          <Icon name={icon} size={20} />
        )}
      </div>
      <h2 className="empty__title">{title}</h2>
      {children && <div className="empty__body">{children}</div>}
      {actions && <div className="empty__actions">{actions}</div>}
    </div>
  );
}
