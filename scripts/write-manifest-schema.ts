// Writes the pack manifest JSON Schema that editors use for autocompletion. The schema is
// generated from src-shared/manifest.ts; a test fails if this file falls out of date.
import { writeFileSync } from 'node:fs';
import { manifestJsonSchema } from '../src-shared/manifest-json-schema';

const out = new URL('../assets/schema/pack-manifest.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(manifestJsonSchema, null, 2)}\n`);
process.stdout.write(`wrote ${out.pathname}\n`);
