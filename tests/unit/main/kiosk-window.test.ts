import { EventEmitter } from 'node:events';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  HIDE_CURSOR_CSS,
  hardenWebContents,
  hideCursor,
  isBlockedShortcut,
  kioskWindowOptions,
  type HardenableContents,
  type KeyInput,
} from '../../../src-main/kiosk-window';

const display = { bounds: { x: 1920, y: 0, width: 1280, height: 720 } };
const setup = { preload: '/app/dist/main/preload.cjs', appVersion: '1.2.3' };

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions(display, setup);

  it('covers the display as a frameless, hidden-until-ready kiosk', () => {
    expect(options).toMatchObject({
      x: 1920,
      y: 0,
      width: 1280,
      height: 720,
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      backgroundColor: '#000000',
      show: false,
    });
  });

  it('isolates and sandboxes the page', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      backgroundThrottling: false,
      spellcheck: false,
      preload: setup.preload,
    });
  });

  it('spells out the Electron security checklist settings (docs/security.md)', () => {
    expect(options.webPreferences).toMatchObject({
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('hands the app version to the preload', () => {
    expect(options.webPreferences?.additionalArguments).toEqual(['--hallcue-version=1.2.3']);
  });
});

class FakeContents extends EventEmitter implements HardenableContents {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  setVisualZoomLevelLimits = vi.fn((_min: number, _max: number) => Promise.resolve());

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `name` with a fresh preventable event and reports whether it was prevented. */
  prevented(name: string, ...args: unknown[]): boolean {
    const event = { preventDefault: vi.fn() };
    this.emit(name, event, ...args);
    return event.preventDefault.mock.calls.length > 0;
  }
}

function key(key: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return {
    type: 'keyDown',
    key,
    code: '',
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...modifiers,
  };
}

function hardened(allowed: string | string[] = 'http://192.168.1.10:8080'): FakeContents {
  const contents = new FakeContents();
  hardenWebContents(contents, allowed);
  return contents;
}

describe('hardenWebContents', () => {
  it('denies window.open', () => {
    const contents = hardened();
    const response = contents.windowOpenHandler?.({
      url: 'https://example.com/',
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    });
    expect(response).toEqual({ action: 'deny' });
  });

  it('keeps navigation on the controller origin', () => {
    const contents = hardened();
    expect(contents.prevented('will-navigate', 'http://192.168.1.10:8080/screen?screen=b')).toBe(
      false,
    );
    expect(contents.prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.prevented('will-navigate', 'http://192.168.1.10:9090/')).toBe(true);
    expect(contents.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.prevented('will-navigate', 'not a url')).toBe(true);
  });

  it('blocks redirects off the controller origin', () => {
    const contents = hardened();
    expect(contents.prevented('will-redirect', 'http://192.168.1.10:8080/screen/')).toBe(false);
    expect(contents.prevented('will-redirect', 'https://example.com/')).toBe(true);
  });

  it('keeps a window on the bundled UI without letting other custom or data: URLs in', () => {
    const contents = hardened('hallcue://app');
    expect(contents.prevented('will-navigate', 'hallcue://app/index.html?screen=a')).toBe(false);
    // Node reports origin "null" for all of these; they must not pass as hallcue://app.
    expect(contents.prevented('will-navigate', 'data:text/html,<h1>hi')).toBe(true);
    expect(contents.prevented('will-navigate', 'hallcue://evil/index.html')).toBe(true);
    expect(contents.prevented('will-navigate', `hallcue-file://${'a'.repeat(64)}`)).toBe(true);
    expect(contents.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.prevented('will-navigate', 'http://192.168.1.10:8080/screen')).toBe(true);
  });

  it('accepts several controller origins, normalizing them', () => {
    const contents = hardened(['http://a.local:80/', 'https://b.local']);
    expect(contents.prevented('will-navigate', 'http://a.local/screen')).toBe(false);
    expect(contents.prevented('will-navigate', 'https://b.local/screen')).toBe(false);
    expect(contents.prevented('will-navigate', 'http://b.local/screen')).toBe(true);
  });

  it('prevents the context menu', () => {
    expect(hardened().prevented('context-menu', {})).toBe(true);
  });

  it('pins the visual zoom', () => {
    expect(hardened().setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('prevents zoom, reload and DevTools shortcuts', () => {
    const contents = hardened();
    expect(contents.prevented('before-input-event', key('+', { control: true }))).toBe(true);
    expect(contents.prevented('before-input-event', key('=', { meta: true }))).toBe(true);
    expect(contents.prevented('before-input-event', key('F12'))).toBe(true);
  });

  it('lets ordinary keys through', () => {
    const contents = hardened();
    expect(contents.prevented('before-input-event', key('ArrowRight'))).toBe(false);
    expect(contents.prevented('before-input-event', key('r'))).toBe(false);
  });
});

describe('isBlockedShortcut', () => {
  it.each([
    ['Ctrl +', key('+', { control: true, shift: true })],
    ['Ctrl -', key('-', { control: true })],
    ['Ctrl =', key('=', { control: true })],
    ['Ctrl 0', key('0', { control: true })],
    ['Cmd -', key('-', { meta: true })],
    ['Ctrl numpad +', key('+', { control: true, code: 'NumpadAdd' })],
    ['Ctrl - on another layout', key('ß', { control: true, code: 'Minus' })],
    ['Ctrl R', key('r', { control: true })],
    ['Ctrl Shift R', key('R', { control: true, shift: true })],
    ['Cmd R', key('r', { meta: true })],
    ['F5', key('F5')],
    ['Ctrl F5', key('F5', { control: true })],
    ['F12', key('F12')],
    ['Ctrl Shift I', key('I', { control: true, shift: true })],
    ['Cmd Alt I', key('i', { meta: true, alt: true })],
  ])('blocks %s', (_label, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['0', key('0')],
    ['-', key('-')],
    ['R', key('R', { shift: true })],
    ['Ctrl I', key('i', { control: true })],
    ['Space', key(' ', { code: 'Space' })],
    ['Ctrl C', key('c', { control: true })],
  ])('allows %s', (_label, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });
});

describe('hideCursor', () => {
  it('inserts the no-cursor CSS on every dom-ready', () => {
    const contents = Object.assign(new EventEmitter(), {
      insertCSS: vi.fn((_css: string) => Promise.resolve('key')),
    });
    hideCursor(contents);
    expect(contents.insertCSS).not.toHaveBeenCalled();
    contents.emit('dom-ready');
    contents.emit('dom-ready');
    expect(contents.insertCSS).toHaveBeenCalledTimes(2);
    expect(contents.insertCSS).toHaveBeenCalledWith(HIDE_CURSOR_CSS);
    expect(HIDE_CURSOR_CSS).toBe('* { cursor: none !important; }');
  });
});
