import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScreenConfigError, SCREEN_CONFIG_FILE } from '../../../src-main/config';
import { loadScreenConfig } from '../../../src-main/load-config';

describe('loadScreenConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hallcue-screen-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the config file from the given directory', () => {
    writeFileSync(
      join(dir, SCREEN_CONFIG_FILE),
      JSON.stringify({ controllerUrls: ['http://hall:8080'], defaultName: 'lobby' }),
    );
    const config = loadScreenConfig(dir, {}, 'host');
    expect(config.controllerUrls).toEqual(['http://hall:8080']);
    expect(config.defaultName).toBe('lobby');
  });

  it('treats a missing file as empty', () => {
    const config = loadScreenConfig(dir, { HALLCUE_CONTROLLER_URL: 'http://hall' }, 'host');
    expect(config).toEqual({ controllerUrls: ['http://hall'], displays: {}, defaultName: 'host' });
  });

  it('fails with a ScreenConfigError when nothing is configured', () => {
    expect(() => loadScreenConfig(dir, {}, 'host')).toThrow(ScreenConfigError);
  });

  it('reads --config PATH instead of the userData file, labelling problems with the path', () => {
    writeFileSync(join(dir, SCREEN_CONFIG_FILE), JSON.stringify({ controllerUrls: ['http://a'] }));
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ controllerUrls: ['http://other:7400'] }));
    expect(loadScreenConfig(dir, {}, 'host', { configPath: other }).controllerUrls).toEqual([
      'http://other:7400',
    ]);
    writeFileSync(other, JSON.stringify({ controllerUrls: ['nope'] }));
    expect(() => loadScreenConfig(dir, {}, 'host', { configPath: other })).toThrow(
      `${other}: controllerUrls.0: `,
    );
  });

  it('fails when the --config file does not exist', () => {
    const missing = join(dir, 'missing.json');
    expect(() =>
      loadScreenConfig(dir, { HALLCUE_CONTROLLER_URL: 'http://hall' }, 'host', {
        configPath: missing,
      }),
    ).toThrow(`--config: cannot read "${missing}" (ENOENT)`);
  });

  it('applies flags over env and file', () => {
    writeFileSync(join(dir, SCREEN_CONFIG_FILE), JSON.stringify({ defaultName: 'file' }));
    const config = loadScreenConfig(dir, { HALLCUE_CONTROLLER_URL: 'http://env' }, 'host', {
      controllerUrls: ['http://flag:7400'],
      name: 'flag',
    });
    expect(config).toEqual({
      controllerUrls: ['http://flag:7400'],
      displays: {},
      defaultName: 'flag',
    });
  });
});
