import { createStore } from 'zustand/vanilla';
import type { SessionInfo, SessionUser } from '../../../src-shared/accounts';
import { api, ApiError, errorText } from './api';
import { isLanguage, setLanguage, type Language } from './i18n';

/** Which screen the console shows: first-run setup, login, or the console itself. */
export type SessionState =
  | { phase: 'loading' }
  | { phase: 'setup' }
  | { phase: 'login'; notice?: string }
  | { phase: 'ready'; user: SessionUser }
  | { phase: 'unavailable'; message: string };

export const sessionStore = createStore<SessionState>(() => ({ phase: 'loading' }));

function enter(info: SessionInfo) {
  if (info.user) {
    if (isLanguage(info.user.language)) setLanguage(info.user.language);
    sessionStore.setState({ phase: 'ready', user: info.user }, true);
  } else {
    sessionStore.setState(info.setupNeeded ? { phase: 'setup' } : { phase: 'login' }, true);
  }
}

/** Asks the controller who this browser is; called at start and whenever the socket is refused. */
export async function refreshSession(notice?: string) {
  try {
    const info = await api<SessionInfo>('GET', '/api/session');
    enter(info);
    if (notice && !info.user && !info.setupNeeded) {
      sessionStore.setState({ phase: 'login', notice }, true);
    }
  } catch (error) {
    sessionStore.setState({ phase: 'unavailable', message: errorText(error) }, true);
  }
}

export async function setUp(username: string, password: string, language: Language) {
  enter(await api<SessionInfo>('POST', '/api/setup', { username, password, language }));
}

export async function logIn(username: string, password: string) {
  enter(await api<SessionInfo>('POST', '/api/login', { username, password }));
}

export async function logOut() {
  try {
    await api('POST', '/api/logout');
  } finally {
    sessionStore.setState({ phase: 'login' }, true);
  }
}

/** Switches the language now and stores it with the account. */
export async function chooseLanguage(language: Language) {
  setLanguage(language);
  const state = sessionStore.getState();
  if (state.phase !== 'ready') return;
  sessionStore.setState({ phase: 'ready', user: { ...state.user, language } }, true);
  try {
    await api('PUT', '/api/session/language', { language });
  } catch (error) {
    // The page is already in the new language; only remembering it failed.
    if (!(error instanceof ApiError)) throw error;
  }
}
