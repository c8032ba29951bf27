import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import type { SessionUser } from '../../../src-shared/accounts';
import { App } from './App';
import { LoginPage, SetupPage, UnavailablePage } from './AuthPages';
import { connectConsole, type ConsoleLink } from './console-link';
import { currentI18n, useI18n } from './i18n';
import { refreshSession, sessionStore } from './session';
import './styles.css';
import './accounts.css';

/** The console proper, connected over the socket for as long as this user is logged in. */
function SignedIn({ user }: { user: SessionUser }) {
  const [link, setLink] = useState<ConsoleLink | null>(null);
  useEffect(() => {
    const created = connectConsole(
      window.location.origin,
      () => void refreshSession(currentI18n().t('session.ended')),
    );
    setLink(created);
    return () => created.close();
  }, [user.id]);
  return link ? <App link={link} user={user} /> : null;
}

/** Setup, login or the console, as the controller says this browser's session stands. */
function Root() {
  const session = useStore(sessionStore);
  const { t } = useI18n();
  useEffect(() => {
    void refreshSession();
  }, []);
  switch (session.phase) {
    case 'loading':
      return <main className="loading">{t('app.connecting')}</main>;
    case 'setup':
      return <SetupPage />;
    case 'login':
      return <LoginPage notice={session.notice} />;
    case 'unavailable':
      return <UnavailablePage message={session.message} />;
    case 'ready':
      return <SignedIn user={session.user} />;
  }
}

const container = document.getElementById('app');
if (container) {
  document.documentElement.lang = currentI18n().language;
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
