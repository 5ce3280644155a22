import { parseGroupKey, type InfoResponse } from '@exectree/domain';
import { selectGroup, useUiStore } from '../../stores/ui-store.ts';
import { printable } from '../../view/format.ts';
import { ConnectionStatus } from '../ConnectionStatus/ConnectionStatus.tsx';
import { Icon } from '../Icon/Icon.tsx';
import { PauseButton } from '../LiveControls/PauseButton.tsx';
import { ShareButton } from '../Share/ShareButton.tsx';
import { LimitsChip } from '../ServerNotices/LimitsChip.tsx';
import { SignOutButton } from '../ServerNotices/SignOutButton.tsx';
import { hitLimits } from '../ServerNotices/server-notices.ts';
import './TopBar.css';

function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <g fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round">
        <path d="M10 9v14M10 16h6a4 4 0 0 0 4-4v-1M10 23h10" />
      </g>
      <circle cx="10" cy="9" r="2.6" fill="#fff" />
      <circle cx="21" cy="10" r="2.6" fill="#fff" />
      <circle cx="21" cy="23" r="2.6" fill="#fff" />
    </svg>
  );
}

function Breadcrumb() {
  const group = useUiStore((s) => s.group);
  const ref = group === null ? undefined : parseGroupKey(group);
  if (!ref) return null;
  const scope = ref.kind === 'pod' ? ref.namespace : ref.kind === 'host' ? 'host' : 'container';
  return (
    <nav className="topbar__crumbs" aria-label="Current view">
      <Icon name="chevron-right" size={14} className="topbar__sep" />
      <span className="topbar__scope">{printable(scope)}</span>
      <span className="topbar__slash" aria-hidden="true">
        /
      </span>
      <span className="topbar__current" aria-current="page">
        {printable(ref.name)}
      </span>
    </nav>
  );
}

export function TopBar({ info }: { info: InfoResponse | null }) {
  const version = info?.version ?? null;
  return (
    <header className="topbar">
      <a
        className="topbar__brand"
        href="./"
        onClick={(event) => {
          event.preventDefault();
          selectGroup(null);
        }}
      >
        <Logo />
        <span>exectree</span>
      </a>
      <Breadcrumb />
      <div className="topbar__spacer" />
      <LimitsChip limits={hitLimits(info)} />
      <ConnectionStatus />
      <PauseButton />
      <ShareButton />
      {info?.auth === 'token' && <SignOutButton />}
      {version && <span className="topbar__version">v{printable(version)}</span>}
    </header>
  );
}
