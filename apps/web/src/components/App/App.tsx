import { useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { ConnectionBanner } from '../ConnectionBanner/ConnectionBanner.tsx';
import { DemoBanner } from '../DemoBanner/DemoBanner.tsx';
import { DetailPanel } from '../DetailPanel/DetailPanel.tsx';
import { PodList } from '../PodList/PodList.tsx';
import { RebuildBanner } from '../ServerNotices/RebuildBanner.tsx';
import { useServerInfo } from '../ServerNotices/useServerInfo.ts';
import { TopBar } from '../TopBar/TopBar.tsx';
import { Workspace } from '../Workspace/Workspace.tsx';
import { useGlobalKeys } from './useGlobalKeys.ts';
import './App.css';

export function App() {
  const exec = useUiStore((s) => s.exec);
  const stale = useLiveStore((s) => s.connection.status !== 'live' && s.groups !== null);
  const info = useServerInfo();
  useGlobalKeys();
  return (
    <div className="app">
      <a className="app__skip" href="#pod-filter">
        Skip to workload filter
      </a>
      <TopBar info={info} />
      <ConnectionBanner />
      <RebuildBanner progress={info?.rebuild} />
      <DemoBanner />
      <div
        className={`app__body${exec !== null ? ' app__body--details' : ''}${stale ? ' app__body--stale' : ''}`}
      >
        <PodList />
        <Workspace />
        {exec !== null && <DetailPanel execId={exec} />}
      </div>
    </div>
  );
}
