import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { PackProgress } from '../../../src-shared/protocol';
import type { Logger } from '../logger';
import { PackError } from '../packs/pack-error';
import { formatBytes } from '../packs/pack-limits';
import type { PackLibrary } from '../packs/pack-library';
import { describeStorageError } from '../packs/storage-error';
import { json } from './respond';

export interface UploadDeps {
  library: PackLibrary;
  uploadsDir: string;
  log: Logger;
  onProgress: (progress: PackProgress) => void;
}

/**
 * `POST /api/packs`: the request body is the pack file. It is streamed to a temporary file
 * (never held in memory), imported, and the temporary file removed whatever happens. The answer
 * carries the validation report: problems (refused, 422) and warnings.
 */
export async function receivePackUpload(
  req: IncomingMessage,
  res: ServerResponse,
  actor: string,
  deps: UploadDeps,
): Promise<void> {
  const limit = deps.library.limits.maxTotalBytes;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    json(res, 413, {
      ok: false,
      error: `the upload is ${formatBytes(declared)}; the limit is ${formatBytes(limit)}`,
    });
    req.resume();
    return;
  }
  const rawId = String(req.headers['x-upload-id'] ?? '');
  const uploadId = /^[A-Za-z0-9-]{1,64}$/.test(rawId) ? rawId : randomUUID();
  await mkdir(deps.uploadsDir, { recursive: true });
  const tmp = join(deps.uploadsDir, `${randomUUID()}.upload`);
  try {
    let received = 0;
    await pipeline(
      req,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          if (received > limit) done(new Error(`the upload is larger than ${formatBytes(limit)}`));
          else done(null, chunk);
        },
      }),
      createWriteStream(tmp, { flags: 'wx' }),
    );
    const result = await deps.library.importPath(tmp, actor, (p) =>
      deps.onProgress({ uploadId, ...p }),
    );
    // The temporary copy goes before the answer, so a client that sees the answer sees no trace.
    await rm(tmp, { force: true });
    json(res, 200, {
      ok: true,
      data: {
        packVersionId: result.packVersionId,
        packId: result.manifest.id,
        version: result.manifest.version,
        added: result.added,
        newBytes: result.newBytes,
        warnings: result.report.warnings,
      },
    });
  } catch (error) {
    await rm(tmp, { force: true });
    if (error instanceof PackError) {
      json(res, 422, {
        ok: false,
        error: 'The pack was refused; nothing was imported.',
        problems: error.problems.map((p) => (p.file === tmp ? { ...p, file: 'the upload' } : p)),
        warnings: error.warnings,
      });
    } else if (describeStorageError(error)) {
      deps.log.error({ err: error }, 'pack upload failed: storage');
      if (!res.headersSent) {
        json(res, 507, {
          ok: false,
          error: `The pack was not imported: ${describeStorageError(error)}. Nothing was kept.`,
        });
      }
    } else {
      deps.log.warn({ err: error }, 'pack upload failed');
      if (!res.headersSent) {
        json(res, 400, { ok: false, error: `upload failed: ${(error as Error).message}` });
      }
    }
  } finally {
    await rm(tmp, { force: true });
  }
}
