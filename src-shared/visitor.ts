import { z } from 'zod';
import type { Localized } from './localized';

/** Pack ids as manifests spell them (see manifest.ts). */
const packIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a pack id: lowercase letters, digits and "-"');

/**
 * The hall's address as visitors' phones reach it, for QR codes: http(s), a host, an optional
 * port and path, no query. "https://hall.example.org" or "http://192.168.1.20:7400".
 */
export const publicUrlSchema = z
  .string()
  .trim()
  .max(300, 'is longer than 300 characters')
  .regex(
    /^https?:\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/,
    'must be an http:// or https:// address such as http://192.168.1.20:7400',
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** Who may see the visitor pages: switched on or off, for every published theme or some. */
export const visitorSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Pack ids whose pages are public; null for every published theme. */
    onlyPacks: z.array(packIdSchema).max(100).nullable(),
    /** Overrides the --public-url flag and the detected address; null to use those. */
    publicUrl: publicUrlSchema.nullable(),
  })
  .strict();
export type VisitorSettings = z.infer<typeof visitorSettingsSchema>;

export const DEFAULT_VISITOR_SETTINGS: VisitorSettings = {
  enabled: true,
  onlyPacks: null,
  publicUrl: null,
};

/** One published theme as the console's visitor panel lists it. */
export interface VisitorTheme {
  key: string;
  packId: string;
  title: Localized;
  /** Whether its page is public now. */
  visible: boolean;
  /** Its page as visitors' phones open it (what its QR code holds). */
  pageUrl: string;
  /** Paths on this controller of its printable QR codes (only while visible). */
  qrSvg: string;
  qrPng: string;
}

/** The visitor panel's state: the settings, the address in use and the themes. */
export interface VisitorOverview {
  settings: VisitorSettings;
  /** The base address QR codes use now, and where it comes from. */
  publicUrl: string;
  publicUrlSource: 'setting' | 'flag' | 'detected';
  themes: VisitorTheme[];
}
