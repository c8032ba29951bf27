import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectConsole } from './console-link';
import './styles.css';
import './accounts.css';

const link = connectConsole(window.location.origin);

const container = document.getElementById('app');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App link={link} />
    </StrictMode>,
  );
}
