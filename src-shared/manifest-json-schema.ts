import { z } from 'zod';
import { manifestSchema } from './manifest';

/**
 * The pack manifest as JSON Schema, generated from the same zod schema the importer uses, so
 * editors autocomplete exactly what HallCue accepts. Served at /schema/pack-manifest.json and
 * written to assets/schema/pack-manifest.schema.json by `npm run schema`.
 */
export const manifestJsonSchema = {
  ...z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }),
  $id: 'https://hallcue.invalid/schema/pack-manifest.json',
  title: 'HallCue presentation pack manifest',
};
