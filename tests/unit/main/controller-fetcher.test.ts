import { text } from 'node:stream/consumers';
import { describe, expect, it, vi } from 'vitest';
import {
  createControllerFetcher,
  CredentialBook,
  type FetchLike,
  type ScreenCredentials,
} from '../../../src-main/controller-fetcher';

const SHA = 'b'.repeat(64);
const creds: ScreenCredentials = {
  controllerUrl: 'http://hall:7400',
  screenId: 'scr-1',
  key: 'k'.repeat(32),
};

describe('createControllerFetcher', () => {
  it('asks the controller for /files/<sha> with the screen Authorization header', async () => {
    const fetch = vi.fn<FetchLike>(async () => new Response('file bytes'));
    const fetcher = createControllerFetcher(fetch, () => creds);
    expect(await text(await fetcher(SHA))).toBe('file bytes');
    expect(fetch).toHaveBeenCalledExactlyOnceWith(`http://hall:7400/files/${SHA}`, {
      headers: { Authorization: `Screen scr-1.${'k'.repeat(32)}` },
    });
  });

  it('fails on an HTTP error', async () => {
    const fetcher = createControllerFetcher(
      async () => new Response('nope', { status: 403 }),
      () => creds,
    );
    await expect(fetcher(SHA)).rejects.toThrow(`GET http://hall:7400/files/${SHA}: HTTP 403`);
  });

  it('asks the other configured controllers, with the same key, when its own is unreachable', async () => {
    const fetch = vi.fn<FetchLike>(async (url) => {
      if (url.startsWith('http://hall:7400/')) throw new TypeError('fetch failed');
      return new Response(`from ${url}`);
    });
    const fetcher = createControllerFetcher(
      fetch,
      () => creds,
      () => ['http://hall:7400', 'http://node-2:7400'],
    );
    expect(await text(await fetcher(SHA))).toBe(`from http://node-2:7400/files/${SHA}`);
    expect(fetch).toHaveBeenLastCalledWith(`http://node-2:7400/files/${SHA}`, {
      headers: { Authorization: `Screen scr-1.${'k'.repeat(32)}` },
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('believes a controller that answers with an error instead of asking another', async () => {
    const fetch = vi.fn<FetchLike>(async () => new Response('nope', { status: 404 }));
    const fetcher = createControllerFetcher(
      fetch,
      () => creds,
      () => ['http://node-2:7400'],
    );
    await expect(fetcher(SHA)).rejects.toThrow(`GET http://hall:7400/files/${SHA}: HTTP 404`);
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('names every controller it could not reach', async () => {
    const fetcher = createControllerFetcher(
      async () => {
        throw new TypeError('connect ECONNREFUSED');
      },
      () => creds,
      () => ['http://node-2:7400'],
    );
    await expect(fetcher(SHA)).rejects.toThrow(
      `no controller could be reached: GET http://hall:7400/files/${SHA}: connect ECONNREFUSED; GET http://node-2:7400/files/${SHA}: connect ECONNREFUSED`,
    );
  });

  it('fails without credentials, without asking anyone', async () => {
    const fetch = vi.fn<FetchLike>();
    await expect(createControllerFetcher(fetch, () => undefined)(SHA)).rejects.toThrow(
      /no approved screen/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('CredentialBook', () => {
  it('hands out the newest credentials and falls back when a window closes', () => {
    const book = new CredentialBook(['http://hall:7400', 'http://backup:7400']);
    expect(book.current()).toBeUndefined();
    book.set(1, creds);
    book.set(2, { ...creds, screenId: 'scr-2', controllerUrl: 'http://backup:7400/' });
    expect(book.current()).toEqual({
      ...creds,
      screenId: 'scr-2',
      controllerUrl: 'http://backup:7400',
    });
    book.set(1, { ...creds, screenId: 'scr-1b' });
    expect(book.current()?.screenId).toBe('scr-1b');
    book.forget(1);
    expect(book.current()?.screenId).toBe('scr-2');
  });

  it('lists every configured controller origin once, in order', () => {
    const book = new CredentialBook(['http://b:1/', 'http://a:2', 'http://b:1', 'nonsense']);
    expect(book.controllers()).toEqual(['http://b:1', 'http://a:2']);
    // Any of them may be the one a window follows after a failover.
    book.set(1, { ...creds, controllerUrl: 'http://a:2' });
    expect(book.current()?.controllerUrl).toBe('http://a:2');
  });

  it('refuses a controller that is not configured', () => {
    const book = new CredentialBook(['http://hall:7400']);
    expect(() => book.set(1, { ...creds, controllerUrl: 'http://evil:7400' })).toThrow(
      'controllerUrl: "http://evil:7400" is not a configured controller',
    );
    expect(() => book.set(1, { ...creds, controllerUrl: 'http://hall:7401' })).toThrow();
    expect(book.current()).toBeUndefined();
  });
});
