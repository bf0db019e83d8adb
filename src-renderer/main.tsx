// Runs in: renderer. Entry point: mounts the editor; installs the test hook only for tests and dev builds.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTestHook } from './test-hook';
import './styles/base.css';
import './styles/layout.css';
import './styles/menubar.css';
import './styles/overlays.css';
import './styles/panels.css';
import './styles/messages.css';

if (new URLSearchParams(location.search).has('test') || import.meta.env.DEV) installTestHook();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
