import { z } from 'zod';
import type { Localized } from './localized';

/**
 * Text a curator writes in zh, en or both. One language alone is accepted (with a warning from
 * the validator); screens then show it for both.
 */
export const manifestTextSchema = z
  .object({
    zh: z.string().min(1, 'zh text is empty').max(2000).optional(),
    en: z.string().min(1, 'en text is empty').max(2000).optional(),
  })
  .strict()
  .refine((t) => t.zh !== undefined || t.en !== undefined, {
    message: 'needs zh or en text (preferably both)',
  });
export type ManifestText = z.infer<typeof manifestTextSchema>;

/** Both languages, using the one given for the one missing, for screens that show both. */
export const bothLanguages = (text: ManifestText): Localized => ({
  zh: text.zh ?? text.en ?? '',
  en: text.en ?? text.zh ?? '',
});

/** The one pack format this build reads; bumped only for incompatible changes. */
export const PACK_FORMAT = 'hallcue-pack/1';

export const TRANSITIONS = ['fade', 'cut', 'slide'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** Paths inside a pack: relative, forward slashes, no `..`, no drive letters. */
export const packPathSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      !/^[a-zA-Z]:/.test(p) &&
      p.split('/').every((part) => part !== '..' && part !== '.' && part !== ''),
    { message: 'must be a relative path inside the pack (no "..", "\\" or leading "/")' },
  );

const slideBase = {
  /** Seconds on screen; video slides last this long too (the video loops or holds). */
  duration: z
    .number({ error: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .max(3600, 'must be at most 3600 seconds'),
  transition: z.enum(TRANSITIONS).default('fade'),
  caption: manifestTextSchema.optional(),
  /** Shows a QR code to this theme's visitor page in the corner of the slide. */
  qr: z.boolean({ error: 'must be true or false' }).optional(),
};

export const imageSlideSchema = z
  .object({
    type: z.literal('image'),
    src: packPathSchema,
    fit: z.enum(['cover', 'contain']).default('cover'),
    ...slideBase,
  })
  .strict();

export const videoSlideSchema = z
  .object({
    type: z.literal('video'),
    src: packPathSchema,
    poster: packPathSchema.optional(),
    ...slideBase,
  })
  .strict();

export const textSlideSchema = z
  .object({
    type: z.literal('text'),
    title: manifestTextSchema,
    body: manifestTextSchema.optional(),
    background: packPathSchema.optional(),
    ...slideBase,
  })
  .strict();

/** A page inside the pack, shown in a sandboxed frame that can reach nothing but the pack. */
export const htmlSlideSchema = z
  .object({
    type: z.literal('html'),
    src: packPathSchema.refine((p) => /\.html?$/i.test(p), { message: 'must be an .html file' }),
    ...slideBase,
  })
  .strict();

/**
 * A three-dimensional model (binary glTF, `.glb`): screens turn it slowly, visitor pages let
 * people turn and zoom it. The poster is shown where 3D cannot be (no WebGL, no script).
 */
export const modelSlideSchema = z
  .object({
    type: z.literal('model'),
    src: packPathSchema.refine((p) => /\.glb$/i.test(p), {
      message: 'must be a binary glTF (.glb) file',
    }),
    poster: packPathSchema.optional(),
    ...slideBase,
  })
  .strict();

export const manifestSlideSchema = z.discriminatedUnion(
  'type',
  [imageSlideSchema, videoSlideSchema, textSlideSchema, htmlSlideSchema, modelSlideSchema],
  { error: 'type must be one of image, video, text, html, model' },
);
export type ManifestSlide = z.infer<typeof manifestSlideSchema>;

export const roleSchema = z.object({
  slides: z.array(manifestSlideSchema).min(1, 'a role needs at least one slide').max(500),
});

export const manifestSchema = z
  .object({
    /** Lets editors find the JSON Schema; ignored by HallCue. */
    $schema: z.string().max(500).optional(),
    format: z.literal(PACK_FORMAT, { error: `must be "${PACK_FORMAT}"` }),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a slug: lowercase letters, digits and "-"'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
    title: manifestTextSchema,
    description: manifestTextSchema.optional(),
    roles: z
      .record(
        z.string().regex(/^[a-z0-9-]{1,32}$/, 'role names are lowercase letters, digits and "-"'),
        roleSchema,
      )
      // `when` makes this run even if a role has errors too, so every problem is listed at once.
      .refine((roles) => 'main' in roles, {
        message: 'needs a "main" role',
        when: (payload) => typeof payload.value === 'object' && payload.value !== null,
      }),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** Every file a manifest refers to, in order of first use. */
export function referencedFiles(manifest: Manifest): string[] {
  const seen = new Set<string>();
  for (const role of Object.values(manifest.roles)) {
    for (const slide of role.slides) {
      switch (slide.type) {
        case 'image':
          seen.add(slide.src);
          break;
        case 'video':
          seen.add(slide.src);
          if (slide.poster) seen.add(slide.poster);
          break;
        case 'text':
          if (slide.background) seen.add(slide.background);
          break;
        case 'html':
          seen.add(slide.src);
          break;
        case 'model':
          seen.add(slide.src);
          if (slide.poster) seen.add(slide.poster);
          break;
      }
    }
  }
  return [...seen];
}

/** Plain-language messages for the schema errors curators meet most. */
export const manifestErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_type') {
    const got =
      issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
    const expected = issue.expected === 'record' ? 'object' : issue.expected;
    return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}, not ${got}`;
  }
  if (issue.code === 'invalid_key') {
    // zod keeps the key schema's own message one level down.
    const inner = issue.issues[0]?.message;
    return inner ?? 'is not an allowed name';
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return undefined;
};

/** Validates a parsed manifest.json with the messages above. */
export const parseManifest = (json: unknown) =>
  manifestSchema.safeParse(json, { error: manifestErrors });
