import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
// js-yaml is not our dependency: it is here because electron-builder (app-builder-lib) uses it
// to read this very file. Loaded untyped through require, so no @types package is needed.
const load = createRequire(import.meta.url);
const yaml = load('js-yaml') as { load(text: string): unknown };

const schema = JSON.parse(
  readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraMetadata: { main: string };
  linux: {
    target: { target: string; arch: string[] }[];
    executableArgs: string[];
    desktop: { entry: Record<string, string> };
  };
  deb: { depends: string[] };
  electronFuses: Record<string, boolean>;
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const clone = (): Record<string, unknown> =>
  structuredClone(config) as unknown as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('matches app-builder-lib’s configuration schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails validation with a misspelt key, so the check above means something', () => {
    const typo = clone();
    const linux = typo.linux as Record<string, unknown>;
    linux.targte = linux.target;
    delete linux.target;
    expect(validate(typo)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/linux',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'targte' },
      }),
    );
  });

  it('fails validation with a misspelt top-level key', () => {
    const typo = clone();
    typo.asarUnpak = typo.asarUnpack;
    expect(validate(typo)).toBe(false);
  });

  it('builds deb first, then AppImage, for x64 and arm64', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
  });

  it('packages only the built app, starting dist/main/main.js under X11', () => {
    expect(config.files).toEqual(['dist/main/**', 'dist/screen/**', 'package.json']);
    expect(config.extraMetadata.main).toBe('dist/main/main.js');
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.linux.executableArgs).toEqual(['--ozone-platform=x11']);
    expect(config.linux.desktop.entry.Name).toBe('HallCue Screen');
  });

  it('depends on the libraries Electron loads', () => {
    for (const library of ['libnss3', 'libgbm1', 'libasound2', 'libgtk-3-0', 'libxss1']) {
      expect(config.deb.depends.join(' ')).toContain(library);
    }
  });

  it('flips the Electron fuses the security checklist asks for (docs/security.md)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      // Needs an unlocked keyring on Linux: a kiosk must never wait at a keyring prompt.
      enableCookieEncryption: false,
    });
  });
});
