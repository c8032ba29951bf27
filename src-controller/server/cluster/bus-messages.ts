import { z } from 'zod';

/** Screens' reports of a press, forwarded to the hall's other nodes in batches. */
export const presentedBatchSchema = z.object({
  rows: z
    .array(
      z.object({
        revision: z.number().int().nonnegative(),
        screenId: z.string().max(100),
        at: z.number(),
        readyAt: z.number().optional(),
      }),
    )
    .max(20_000),
});
export type PresentedBatch = z.infer<typeof presentedBatchSchema>;

/** Which approved screens a node has online (and their zones), so a press knows whom to expect. */
export const presenceSchema = z.object({
  nodeId: z.string().max(100),
  url: z.string().max(500),
  screens: z.array(z.tuple([z.string().max(100), z.string().max(100).nullable()])).max(50_000),
});
export type Presence = z.infer<typeof presenceSchema>;

/** An administrator's push of one pack's theme to several halls, as it travels through Redis. */
export const pushRequestSchema = z.object({
  pushId: z.string().max(100),
  packId: z.string().max(200),
  by: z.string().max(200),
  fromHall: z.string().max(100),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), hall: z.string(), key: z.string(), revision: z.number() }),
  z.object({ ok: z.literal(false), hall: z.string(), error: z.string() }),
]);
export type PushAnswer = z.infer<typeof pushAnswerSchema>;
