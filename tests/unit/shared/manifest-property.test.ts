import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  manifestSchema,
  parseManifest,
  PACK_FORMAT,
  referencedFiles,
  TRANSITIONS,
} from '../../../src-shared/manifest';

const RUNS = { numRuns: 200 };

// ---------- arbitraries for manifests HallCue must accept ----------

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/);
const version = fc
  .tuple(fc.nat(999), fc.nat(999), fc.nat(999))
  .map(([a, b, c]) => `${a}.${b}.${c}`);

/** Non-empty text of at most 40 characters, Chinese or any printable Unicode. */
const zhText = fc
  .array(fc.constantFrom(...'展厅大会报告图文主题欢迎参观历史未来'), {
    minLength: 1,
    maxLength: 40,
  })
  .map((chars) => chars.join(''));
const anyText = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const text = fc.oneof(
  fc.record({ zh: zhText, en: anyText }),
  fc.record({ zh: zhText }),
  fc.record({ en: anyText }),
);

/** A path inside a pack: 1-3 safe segments and a file extension. */
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const packPath = (extension: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(segment, { minLength: 0, maxLength: 2 }), segment, extension)
    .map(([folders, name, ext]) => [...folders, `${name}.${ext}`].join('/'));
const imagePath = packPath(fc.constantFrom('png', 'jpg', 'webp', 'svg'));
const videoPath = packPath(fc.constantFrom('webm', 'mp4'));
const htmlPath = packPath(fc.constantFrom('html', 'htm', 'HTML'));

/** More than 0 and at most 3600 seconds, fractions included. */
const duration = fc.oneof(
  fc.integer({ min: 1, max: 3600 }),
  fc.double({ min: 0.001, max: 3600, noNaN: true, noDefaultInfinity: true }),
);
const transition = fc.constantFrom(...TRANSITIONS);

const common = {
  duration,
  transition,
  caption: text,
};

const imageSlide = fc.record(
  {
    type: fc.constant('image' as const),
    src: imagePath,
    fit: fc.constantFrom('cover', 'contain'),
    ...common,
  },
  { requiredKeys: ['type', 'src', 'duration'] },
);
const videoSlide = fc.record(
  { type: fc.constant('video' as const), src: videoPath, poster: imagePath, ...common },
  { requiredKeys: ['type', 'src', 'duration'] },
);
const textSlide = fc.record(
  { type: fc.constant('text' as const), title: text, body: text, background: imagePath, ...common },
  { requiredKeys: ['type', 'title', 'duration'] },
);
const htmlSlide = fc.record(
  { type: fc.constant('html' as const), src: htmlPath, ...common },
  { requiredKeys: ['type', 'src', 'duration'] },
);
const slide = fc.oneof(imageSlide, videoSlide, textSlide, htmlSlide);
const role = fc.record({ slides: fc.array(slide, { minLength: 1, maxLength: 5 }) });

const validManifest = fc.record(
  {
    $schema: fc.constant('../../schema/pack-manifest.schema.json'),
    format: fc.constant(PACK_FORMAT),
    id: slug,
    version,
    title: text,
    description: text,
    roles: fc
      .tuple(role, fc.dictionary(fc.stringMatching(/^[a-z0-9-]{1,32}$/), role, { maxKeys: 2 }))
      .map(([main, others]) => ({ ...others, main })),
  },
  { requiredKeys: ['format', 'id', 'version', 'title', 'roles'] },
);

type Json = Record<string, unknown>;
const isSafeRelative = (p: string) =>
  !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '..' && s !== '');

// ---------- (a) any JSON ----------

describe('parseManifest on arbitrary JSON', () => {
  it('never throws, and every refusal lists issues with a path and a message', () => {
    const anyJson = fc.oneof(
      fc.jsonValue({ maxDepth: 4, depthSize: 'small' }),
      // Objects that look a little like manifests reach deeper into the schema.
      fc.record(
        {
          format: fc.oneof(fc.constant(PACK_FORMAT), fc.jsonValue({ maxDepth: 1 })),
          id: fc.oneof(slug, fc.jsonValue({ maxDepth: 1 })),
          version: fc.oneof(version, fc.jsonValue({ maxDepth: 1 })),
          title: fc.oneof(text, fc.jsonValue({ maxDepth: 2 })),
          roles: fc.oneof(
            fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), {
              maxKeys: 3,
            }),
            fc.record({ main: fc.record({ slides: fc.array(fc.jsonValue({ maxDepth: 2 })) }) }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(anyJson, (json) => {
        const result = parseManifest(json);
        if (result.success) {
          expect(manifestSchema.safeParse(result.data).success).toBe(true);
          return;
        }
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) {
          expect(Array.isArray(issue.path)).toBe(true);
          for (const part of issue.path) expect(['string', 'number']).toContain(typeof part);
          expect(typeof issue.message).toBe('string');
          expect(issue.message.trim()).not.toBe('');
        }
      }),
      RUNS,
    );
  });
});

// ---------- (b) valid-shaped manifests ----------

describe('parseManifest on valid-shaped manifests', () => {
  it('accepts them, keeping ids, roles and slides, with every invariant holding', () => {
    fc.assert(
      fc.property(validManifest, (input) => {
        const result = parseManifest(input);
        if (!result.success) {
          throw new Error(`refused: ${JSON.stringify(result.error.issues)}`);
        }
        const m = result.data;
        expect(m.id).toBe(input.id);
        expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(m.roles.main).toBeDefined();
        expect(Object.keys(m.roles).sort()).toEqual(Object.keys(input.roles).sort());
        for (const [name, { slides }] of Object.entries(m.roles)) {
          const given = (input.roles as Record<string, { slides: Json[] }>)[name]!.slides;
          expect(slides).toHaveLength(given.length);
          for (const s of slides) {
            expect(s.duration).toBeGreaterThan(0);
            expect(s.duration).toBeLessThanOrEqual(3600);
            expect(TRANSITIONS).toContain(s.transition);
            if (s.type === 'image') expect(['cover', 'contain']).toContain(s.fit);
            if (s.type === 'html') expect(s.src).toMatch(/\.html?$/i);
          }
        }
        for (const path of referencedFiles(m)) expect(isSafeRelative(path)).toBe(true);
      }),
      RUNS,
    );
  });

  it('fills the defaults a curator may leave out', () => {
    fc.assert(
      fc.property(validManifest, (input) => {
        const result = parseManifest(input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        const given = (input.roles as Record<string, { slides: Json[] }>).main!.slides;
        result.data.roles.main!.slides.forEach((s, i) => {
          const raw = given[i]!;
          expect(s.transition).toBe(raw.transition ?? 'fade');
          expect(s.caption).toEqual(raw.caption);
          if (s.type === 'image') expect(s.fit).toBe(raw.fit ?? 'cover');
        });
      }),
      RUNS,
    );
  });
});

// ---------- (c) one field of the wrong type ----------

type PathPart = string | number;
interface Target {
  path: PathPart[];
  kind: 'string' | 'number' | 'object' | 'array';
}

/** Every field of `m` that has a fixed JSON type, with that type. */
function targets(m: Json): Target[] {
  const found: Target[] = [
    { path: ['format'], kind: 'string' },
    { path: ['id'], kind: 'string' },
    { path: ['version'], kind: 'string' },
    { path: ['title'], kind: 'object' },
    { path: ['roles'], kind: 'object' },
  ];
  if ('$schema' in m) found.push({ path: ['$schema'], kind: 'string' });
  if ('description' in m) found.push({ path: ['description'], kind: 'object' });
  const title = m.title as Json;
  for (const lang of ['zh', 'en']) {
    if (lang in title) found.push({ path: ['title', lang], kind: 'string' });
  }
  for (const [name, r] of Object.entries(m.roles as Record<string, { slides: Json[] }>)) {
    found.push({ path: ['roles', name], kind: 'object' });
    found.push({ path: ['roles', name, 'slides'], kind: 'array' });
    r.slides.forEach((s, i) => {
      const at = (field: string): PathPart[] => ['roles', name, 'slides', i, field];
      found.push({ path: at('type'), kind: 'string' }, { path: at('duration'), kind: 'number' });
      for (const field of ['src', 'poster', 'background', 'transition', 'fit']) {
        if (field in s) found.push({ path: at(field), kind: 'string' });
      }
      for (const field of ['caption', 'title', 'body']) {
        if (field in s) found.push({ path: at(field), kind: 'object' });
      }
    });
  }
  return found;
}

/** JSON values that are not of `kind` (arrays count as wrong for objects). */
const wrongValue = (kind: Target['kind']) =>
  fc.oneof(
    ...(kind === 'string' ? [] : [fc.string({ maxLength: 8 })]),
    ...(kind === 'number' ? [] : [fc.integer(), fc.double({ noNaN: true })]),
    ...(kind === 'object' ? [] : [fc.constant({})]),
    ...(kind === 'array' ? [] : [fc.array(fc.integer(), { maxLength: 2 })]),
    fc.boolean(),
    fc.constant(null),
  );

function setAt(root: Json, path: PathPart[], value: unknown): Json {
  const copy = structuredClone(root);
  let node = copy as Record<PathPart, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<PathPart, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe('parseManifest with one field of the wrong type', () => {
  it('refuses it with an issue pointing at that field', () => {
    const mutated = validManifest.chain((m) =>
      fc.constantFrom(...targets(m)).chain((target) =>
        wrongValue(target.kind).map((value) => ({
          target,
          value,
          json: setAt(m, target.path, value),
        })),
      ),
    );
    fc.assert(
      fc.property(mutated, ({ target, json }) => {
        const result = parseManifest(json);
        expect(result.success).toBe(false);
        if (result.success) return;
        const paths = result.error.issues.map((issue) => issue.path.join('/'));
        expect(paths).toContain(target.path.join('/'));
      }),
      RUNS,
    );
  });
});

// ---------- messages for the wrong-type mistakes curators make ----------

describe('wrong-type messages', () => {
  it('say what was expected and what was given', () => {
    const result = parseManifest({ format: PACK_FORMAT, id: 7, version: '1.0.0', title: 'x' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const lines = result.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'id: must be a string, not number',
        'title: must be an object, not string',
        'roles: is required',
      ]),
    );
  });

  it('name null as null', () => {
    const result = parseManifest(null);
    expect(!result.success && result.error.issues[0]?.message).toBe('must be an object, not null');
  });

  it('use "an" before object for roles too', () => {
    const result = parseManifest({ format: PACK_FORMAT, id: 'a', version: '1.0.0', roles: [] });
    const roles = !result.success && result.error.issues.find((i) => i.path.join('/') === 'roles');
    expect(roles && roles.message).toBe('must be an object, not array');
  });
});

describe('role-name messages', () => {
  it('explain what a role name may contain', () => {
    const result = parseManifest({
      format: PACK_FORMAT,
      id: 'a',
      version: '1.0.0',
      title: { en: 'A' },
      roles: {
        main: { slides: [{ type: 'text', title: { en: 'A' }, duration: 1 }] },
        'Bad Role': { slides: [{ type: 'text', title: { en: 'B' }, duration: 1 }] },
      },
    });
    const issue = !result.success && result.error.issues[0];
    expect(issue && issue.path).toEqual(['roles', 'Bad Role']);
    expect(issue && issue.message).toBe('role names are lowercase letters, digits and "-"');
  });
});
