import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { inspectPack, type PackReport } from '../packs/inspect-pack';
import { PackError } from '../packs/pack-error';
import type { PackLimits } from '../packs/pack-limits';
import type { PackSource } from '../packs/pack-source';

/** Media is already compressed; deflating it again costs time and saves nothing. */
const COMPRESSIBLE = /\.(json|svg|html?|css|m?js|txt|xml)$/i;

/**
 * Validates a folder pack and writes it as a zip holding exactly what an import would keep:
 * the manifest, referenced files and html pages' folders. Nothing is written if it is invalid.
 */
export async function buildPack(
  source: PackSource,
  out: string,
  limits: PackLimits,
): Promise<PackReport> {
  const report = await inspectPack(source, limits, { checkContent: true });
  if (!report.manifest || report.problems.length > 0) {
    throw new PackError(source.label, report.problems, report);
  }
  const zip = new yazl.ZipFile();
  for (const path of ['manifest.json', ...report.files.map((f) => f.path)]) {
    zip.addReadStream(await source.open(path), path, {
      compress: COMPRESSIBLE.test(path),
      mtime: new Date(0),
      mode: 0o100644,
    });
  }
  zip.end();
  const tmp = `${out}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp));
    await rename(tmp, out);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return report;
}
