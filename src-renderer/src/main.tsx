import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setClockShift } from './clock-sync';
import { readScreenParams } from './screen-params';
import { ScreenLink } from './screen-link';
import './styles.css';

const params = readScreenParams(window.location, window.localStorage);
setClockShift(params.clockShiftMs);
const link = new ScreenLink(params, window.localStorage);
link.start();
// Exposed for tests and the switch benchmark, which compare the estimate with the real offset.
(window as unknown as { hallcueClock: unknown }).hallcueClock = link.clock;

const container = document.getElementById('app');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App link={link} />
    </StrictMode>,
  );
}
