// Chips and popovers first: the components' styles, imported by App, refine them and must
// come later.
import './styles/chip.css';
import './styles/popover.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App/App.tsx';
import { startLive } from './live/start-live.ts';
import { startUrlSync } from './url/url-sync.ts';
import './styles/tokens.css';
import './styles/base.css';

// The URL seeds the UI store first, so the live stream subscribes to the right group.
startUrlSync();
startLive();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
