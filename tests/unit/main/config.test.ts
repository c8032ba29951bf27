import { describe, expect, it } from 'vitest';
import { resolveScreenConfig, ScreenConfigError, screenUrl } from '../../../src-main/config';

const noEnv = {};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScreenConfigError);
    return (error as ScreenConfigError).problems;
  }
  throw new Error('expected a ScreenConfigError');
}

describe('resolveScreenConfig', () => {
  it('reads a complete config file', () => {
    const fileText = JSON.stringify({
      controllerUrls: ['http://192.168.1.10:8080', 'https://backup.local'],
      defaultName: 'hall',
      displays: { '0': { name: 'left', role: 'side' }, '2528732444': { name: 'main' } },
    });
    expect(resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' })).toEqual({
      controllerUrls: ['http://192.168.1.10:8080', 'https://backup.local'],
      defaultName: 'hall',
      displays: { '0': { name: 'left', role: 'side' }, '2528732444': { name: 'main' } },
    });
  });

  it('normalizes controller URLs to their origin', () => {
    const fileText = JSON.stringify({ controllerUrls: [' HTTP://Hall.Local:80/ '] });
    const config = resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' });
    expect(config.controllerUrls).toEqual(['http://hall.local']);
  });

  it('works from env alone, using the fallback name and no displays', () => {
    const config = resolveScreenConfig({
      env: { HALLCUE_CONTROLLER_URL: 'http://10.0.0.2:8080' },
      fallbackName: 'kiosk-pc',
    });
    expect(config).toEqual({
      controllerUrls: ['http://10.0.0.2:8080'],
      displays: {},
      defaultName: 'kiosk-pc',
    });
  });

  it('lets env override the file and accepts a comma-separated URL list', () => {
    const fileText = JSON.stringify({ controllerUrls: ['http://file:1'], defaultName: 'file' });
    const config = resolveScreenConfig({
      fileText,
      env: { HALLCUE_CONTROLLER_URL: 'http://a:1, http://b:2', HALLCUE_SCREEN_NAME: 'lobby' },
      fallbackName: 'host',
    });
    expect(config.controllerUrls).toEqual(['http://a:1', 'http://b:2']);
    expect(config.defaultName).toBe('lobby');
  });

  it('ignores blank env variables', () => {
    const fileText = JSON.stringify({ controllerUrls: ['http://file:1'] });
    const config = resolveScreenConfig({
      fileText,
      env: { HALLCUE_CONTROLLER_URL: '  ', HALLCUE_SCREEN_NAME: '' },
      fallbackName: 'host',
    });
    expect(config.controllerUrls).toEqual(['http://file:1']);
    expect(config.defaultName).toBe('host');
  });

  it('falls back to "screen" when the host name is not a valid screen name', () => {
    const config = resolveScreenConfig({
      env: { HALLCUE_CONTROLLER_URL: 'http://a:1' },
      fallbackName: 'bad/host',
    });
    expect(config.defaultName).toBe('screen');
  });

  it('requires a controller URL', () => {
    const problems = problemsOf(() => resolveScreenConfig({ env: noEnv, fallbackName: 'host' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^controllerUrls: .*HALLCUE_CONTROLLER_URL/);
  });

  it('names the env variable holding a bad URL', () => {
    const problems = problemsOf(() =>
      resolveScreenConfig({
        env: { HALLCUE_CONTROLLER_URL: 'http://ok:1,ftp://hall' },
        fallbackName: 'host',
      }),
    );
    expect(problems).toEqual([
      'HALLCUE_CONTROLLER_URL: "ftp://hall" must start with http:// or https://',
    ]);
  });

  it('names the env variable holding a bad screen name', () => {
    const problems = problemsOf(() =>
      resolveScreenConfig({
        env: { HALLCUE_CONTROLLER_URL: 'http://a:1', HALLCUE_SCREEN_NAME: 'a/b' },
        fallbackName: 'host',
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/^HALLCUE_SCREEN_NAME: /)]);
  });

  it.each([
    ['a URL with a path', { controllerUrls: ['http://hall/screen'] }, 'controllerUrls.0'],
    ['a non-URL', { controllerUrls: ['not a url'] }, 'controllerUrls.0'],
    ['an empty URL list', { controllerUrls: [] }, 'controllerUrls'],
    ['an empty display name', { displays: { '1': { name: '' } } }, 'displays.1.name'],
    ['a bad role', { displays: { '1': { name: 'a', role: 'Main Role' } } }, 'displays.1.role'],
    ['a non-numeric display key', { displays: { left: { name: 'a' } } }, 'displays.left'],
    ['a long default name', { defaultName: 'x'.repeat(61) }, 'defaultName'],
  ])('names the field for %s', (_label, file, field) => {
    const fileText = JSON.stringify({ controllerUrls: ['http://a:1'], ...file });
    const problems = problemsOf(() =>
      resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' }),
    );
    expect(problems).not.toHaveLength(0);
    for (const problem of problems) expect(problem).toMatch(`hallcue-screen.json: ${field}: `);
  });

  it('rejects unknown keys, naming them', () => {
    const fileText = JSON.stringify({
      controllerUrl: 'http://a:1',
      controllerUrls: ['http://a:1'],
    });
    const problems = problemsOf(() =>
      resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' }),
    );
    expect(problems).toEqual([expect.stringContaining('"controllerUrl"')]);
  });

  it('rejects two displays with the same name', () => {
    const fileText = JSON.stringify({
      controllerUrls: ['http://a:1'],
      displays: { '0': { name: 'left' }, '1': { name: 'left' } },
    });
    const problems = problemsOf(() =>
      resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' }),
    );
    expect(problems).toEqual([expect.stringMatching(/^hallcue-screen\.json: displays\.1\.name: /)]);
  });

  it('reports invalid JSON', () => {
    const problems = problemsOf(() =>
      resolveScreenConfig({ fileText: '{ nope', env: noEnv, fallbackName: 'host' }),
    );
    expect(problems).toEqual([expect.stringMatching(/^hallcue-screen\.json: not valid JSON/)]);
  });

  it('reports every problem at once in the error message', () => {
    const fileText = JSON.stringify({ controllerUrls: ['nope'], defaultName: '' });
    const run = () => resolveScreenConfig({ fileText, env: noEnv, fallbackName: 'host' });
    expect(run).toThrow(/controllerUrls\.0[\s\S]*defaultName/);
  });
});

describe('screenUrl', () => {
  it('builds the screen page URL', () => {
    expect(screenUrl('http://10.0.0.2:8080', 'left')).toBe(
      'http://10.0.0.2:8080/screen?screen=left',
    );
  });

  it('encodes the name', () => {
    expect(screenUrl('http://hall', 'Écran 2 & co')).toBe(
      'http://hall/screen?screen=%C3%89cran%202%20%26%20co',
    );
  });

  it('does not double a trailing slash', () => {
    expect(screenUrl('http://hall/', 'a')).toBe('http://hall/screen?screen=a');
  });
});
