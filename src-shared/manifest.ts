import { z } from 'zod';
import { localizedSchema } from './localized';

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
  duration: z.number().positive().max(3600),
  transition: z.enum(TRANSITIONS).default('fade'),
  caption: localizedSchema.optional(),
};

export const imageSlideSchema = z.object({
  type: z.literal('image'),
  src: packPathSchema,
  fit: z.enum(['cover', 'contain']).default('cover'),
  ...slideBase,
});

export const videoSlideSchema = z.object({
  type: z.literal('video'),
  src: packPathSchema,
  poster: packPathSchema.optional(),
  ...slideBase,
});

export const textSlideSchema = z.object({
  type: z.literal('text'),
  title: localizedSchema,
  body: localizedSchema.optional(),
  background: packPathSchema.optional(),
  ...slideBase,
});

export const manifestSlideSchema = z.discriminatedUnion('type', [
  imageSlideSchema,
  videoSlideSchema,
  textSlideSchema,
]);
export type ManifestSlide = z.infer<typeof manifestSlideSchema>;

export const roleSchema = z.object({
  slides: z.array(manifestSlideSchema).min(1, 'a role needs at least one slide').max(500),
});

export const manifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a slug: lowercase letters, digits and "-"'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
  title: localizedSchema,
  description: localizedSchema.optional(),
  roles: z
    .record(z.string().regex(/^[a-z0-9-]{1,32}$/), roleSchema)
    .refine((roles) => 'main' in roles, { message: 'needs a "main" role' }),
});
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
      }
    }
  }
  return [...seen];
}
