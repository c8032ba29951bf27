import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src-shared/manifest';
import { manifestJsonSchema } from '../../../src-shared/manifest-json-schema';

const root = join(import.meta.dirname, '..', '..', '..');
const committed = JSON.parse(
  readFileSync(join(root, 'assets', 'schema', 'pack-manifest.schema.json'), 'utf8'),
) as unknown;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(manifestJsonSchema);

const demoManifests = readdirSync(join(root, 'assets', 'packs'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => [
    d.name,
    JSON.parse(readFileSync(join(root, 'assets', 'packs', d.name, 'manifest.json'), 'utf8')),
  ]);

describe('pack manifest JSON Schema', () => {
  it('is committed up to date (run `npm run schema` after changing src-shared/manifest.ts)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema)));
  });

  it.each(demoManifests)('accepts the demo pack %s, as the importer does', (_name, manifest) => {
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(parseManifest(manifest).success).toBe(true);
  });

  it('refuses what the importer refuses: a slide with a negative duration', () => {
    const bad = structuredClone(demoManifests[0]?.[1]) as {
      roles: { main: { slides: { duration: number }[] } };
    };
    bad.roles.main.slides[0]!.duration = -1;
    expect(validate(bad)).toBe(false);
    expect(parseManifest(bad).success).toBe(false);
  });
});
