import { z } from 'zod';
import { localizedSchema } from './localized';
import { TRANSITIONS } from './manifest';

/** A slide as a screen receives it: media resolved to content-addressed URLs, times in ms. */
const presentedBase = {
  durationMs: z.number().int().positive(),
  transition: z.enum(TRANSITIONS),
  caption: localizedSchema.optional(),
  /** The theme's visitor page, for a QR code on the slide; absent when those pages are off. */
  qrUrl: z.string().optional(),
};

export const presentedSlideSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('image'),
    url: z.string(),
    fit: z.enum(['cover', 'contain']),
    ...presentedBase,
  }),
  z.object({
    type: z.literal('video'),
    url: z.string(),
    posterUrl: z.string().optional(),
    ...presentedBase,
  }),
  z.object({
    type: z.literal('text'),
    title: localizedSchema,
    body: localizedSchema.optional(),
    backgroundUrl: z.string().optional(),
    ...presentedBase,
  }),
  z.object({
    type: z.literal('html'),
    /** A capability URL under /packs/: the page and its relative assets, nothing else. */
    url: z.string(),
    ...presentedBase,
  }),
  z.object({
    type: z.literal('model'),
    /** A binary glTF (.glb) file, turned slowly on screens. */
    url: z.string(),
    posterUrl: z.string().optional(),
    ...presentedBase,
  }),
]);
export type PresentedSlide = z.infer<typeof presentedSlideSchema>;

export const presentationSchema = z.object({
  themeKey: z.string(),
  packId: z.string(),
  packVersion: z.string(),
  title: localizedSchema,
  slides: z.array(presentedSlideSchema).min(1),
});
export type Presentation = z.infer<typeof presentationSchema>;
