import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src-main/args';
import { resolveScreenConfig, ScreenConfigError } from '../../../src-main/config';

describe('parseArgs', () => {
  it('reads --flag value and --flag=value forms', () => {
    expect(
      parseArgs(['dist/main/main.js', '--controller', 'http://a:7400', '--name=lobby']),
    ).toEqual({ controllerUrls: ['http://a:7400'], name: 'lobby' });
    expect(parseArgs(['--config=/etc/hallcue/screen.json'])).toEqual({
      configPath: '/etc/hallcue/screen.json',
    });
  });

  it('splits a comma-separated controller list', () => {
    expect(parseArgs(['--controller', 'http://a:1, http://b:2,']).controllerUrls).toEqual([
      'http://a:1',
      'http://b:2',
    ]);
  });

  it('leaves Electron and Chromium switches and positional arguments alone', () => {
    expect(
      parseArgs(['.', '--ozone-platform=x11', '--no-sandbox', '--controllers=x', '--named', 'y']),
    ).toEqual({});
  });

  it('lets the last repeated flag win', () => {
    expect(parseArgs(['--name', 'a', '--name', 'b']).name).toBe('b');
  });

  it.each([
    [['--controller'], '--controller: needs a value'],
    [['--name', '--controller', 'http://a'], '--name: needs a value'],
    [['--name='], '--name: needs a value'],
    [['--config', '  '], '--config: needs a value'],
  ])('refuses %j', (argv, problem) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScreenConfigError);
    expect((error as ScreenConfigError).problems).toEqual([problem]);
  });
});

describe('configuration order', () => {
  const fileText = JSON.stringify({ controllerUrls: ['http://file:1'], defaultName: 'file' });
  const env = { HALLCUE_CONTROLLER_URL: 'http://env:1', HALLCUE_SCREEN_NAME: 'env' };

  it('defaults < file < env < flags', () => {
    const resolve = (sources: Partial<Parameters<typeof resolveScreenConfig>[0]>) => {
      const config = resolveScreenConfig({ env: {}, fallbackName: 'host', ...sources });
      return [config.controllerUrls, config.defaultName];
    };
    expect(resolve({ env: { HALLCUE_CONTROLLER_URL: 'http://env:1' } })).toEqual([
      ['http://env:1'],
      'host',
    ]);
    expect(resolve({ fileText })).toEqual([['http://file:1'], 'file']);
    expect(resolve({ fileText, env })).toEqual([['http://env:1'], 'env']);
    expect(
      resolve({
        fileText,
        env,
        flags: parseArgs(['--controller', 'http://flag:1,http://flag:2', '--name', 'flag']),
      }),
    ).toEqual([['http://flag:1', 'http://flag:2'], 'flag']);
    // One flag overrides only its own setting.
    expect(resolve({ fileText, env, flags: parseArgs(['--name', 'flag']) })).toEqual([
      ['http://env:1'],
      'flag',
    ]);
  });

  it('names the flag holding a bad value', () => {
    let error: unknown;
    try {
      resolveScreenConfig({
        env: {},
        fallbackName: 'host',
        flags: parseArgs(['--controller', 'ftp://x', '--name', 'a/b']),
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as ScreenConfigError).problems).toEqual([
      '--controller: "ftp://x" must start with http:// or https://',
      expect.stringMatching(/^--name: /),
    ]);
  });
});
