import { z } from 'zod';

/** Text in both hall languages; zh is what visitors read first, en is required for guests. */
export const localizedSchema = z.object({
  zh: z.string().min(1, 'zh text is empty'),
  en: z.string().min(1, 'en text is empty'),
});
export type Localized = z.infer<typeof localizedSchema>;
