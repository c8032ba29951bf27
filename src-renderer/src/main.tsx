import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readScreenParams } from './screen-params';
import { ScreenLink } from './screen-link';
import './styles.css';

const params = readScreenParams(window.location, window.localStorage);
const link = new ScreenLink(params, window.localStorage);
link.start();

const container = document.getElementById('app');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App link={link} />
    </StrictMode>,
  );
}
