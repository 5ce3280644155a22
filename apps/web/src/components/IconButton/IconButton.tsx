import { Icon, type IconName } from '../Icon/Icon.tsx';

interface IconButtonProps {
  icon: IconName;
  /** The accessible name; the icon alone says nothing to a screen reader. */
  label: string;
  /** The tooltip, e.g. with the keyboard shortcut. */
  title?: string;
  /** For toggles: whether the button's state is on. */
  pressed?: boolean;
  size?: number;
  onClick: () => void;
}

/** A square toolbar button showing one icon. */
export function IconButton({ icon, label, title, pressed, size = 14, onClick }: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={label}
      title={title}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <Icon name={icon} size={size} />
    </button>
  );
}
