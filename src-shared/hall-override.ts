import { z } from 'zod';

/**
 * What overrides every theme on every screen: a blackout (all screens black, silent) or an
 * emergency message. It outranks any theme and any zone; clearing it returns each screen to the
 * theme it would show now, on that theme's shared timeline.
 */
const messageText = z.string().trim().max(400, 'the message is longer than 400 characters');

export const overrideMediaSchema = z.object({
  type: z.enum(['image', 'video']),
  /** Controller-relative `/files/<sha256>` URL, resolved by each screen like slide media. */
  url: z.string().min(1).max(200),
});
export type OverrideMedia = z.infer<typeof overrideMediaSchema>;

export const screenOverrideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blackout') }),
  z.object({
    kind: z.literal('emergency'),
    message: z.object({ zh: messageText, en: messageText }),
    media: overrideMediaSchema.optional(),
  }),
]);
export type ScreenOverride = z.infer<typeof screenOverrideSchema>;

/** The console's request to raise an emergency message; media comes from a stored pack file. */
export const emergencyRequestSchema = z
  .object({
    message: z.object({ zh: messageText, en: messageText }),
    media: z
      .object({
        packVersionId: z.number().int().positive(),
        path: z.string().min(1).max(512),
      })
      .optional(),
  })
  .refine((r) => r.message.zh.length > 0 || r.message.en.length > 0, {
    message: 'write the message in Chinese, English or both',
    path: ['message'],
  });
export type EmergencyRequest = z.infer<typeof emergencyRequestSchema>;

/** Same override, or not: a screen re-renders the override only when its content changes. */
export function sameOverride(a: ScreenOverride | null, b: ScreenOverride | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
