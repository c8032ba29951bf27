import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import { actorOf } from '../auth/principal';
import { sniffMediaKind } from '../packs/media-kind';
import type { Access } from './access';
import { json } from './respond';

const SETTING = 'hall_plan';
/** A floor plan is a drawing or a photo: 8 MB is plenty, and it lives in the database. */
export const HALL_PLAN_LIMIT = 8 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `/api/hall/plan`: the floor plan behind the hall view. GET for any console user (404 while
 * there is none: the console draws a grid), PUT an image to replace it, DELETE to go back to
 * the grid (administrators). Returns false for other paths.
 */
export function handleHallPlan(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: { db: Db; access: Access },
): boolean {
  if (path !== '/api/hall/plan') return false;
  const method = req.method ?? 'GET';
  const { db, access } = deps;
  if (method === 'GET' || method === 'HEAD') {
    if (!access.authorize(req, res, 'operator', 'seeing the hall plan')) return true;
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING) as
      { value: string } | undefined;
    if (!row) {
      json(res, 404, { ok: false, error: 'no floor plan; the hall view shows a grid' });
      return true;
    }
    const { mime, data } = JSON.parse(row.value) as { mime: string; data: string };
    res.writeHead(200, { 'Content-Type': mime, 'Cache-Control': 'no-cache' });
    res.end(method === 'HEAD' ? undefined : Buffer.from(data, 'base64'));
    return true;
  }
  if (method === 'PUT' || method === 'DELETE') {
    const caller = access.authorize(req, res, 'administrator', 'changing the hall plan');
    if (!caller) return true;
    const audit = (action: string, detail: object) =>
      appendAudit(db, {
        at: Date.now(),
        actor: actorOf(caller.principal),
        address: caller.address,
        action,
        detail,
      });
    if (method === 'DELETE') {
      db.prepare('DELETE FROM settings WHERE key = ?').run(SETTING);
      audit('hall.plan', { removed: true });
      json(res, 200, { ok: true });
      return true;
    }
    void readBody(req, HALL_PLAN_LIMIT).then(
      (body) => {
        if (!body) {
          json(res, 413, { ok: false, error: 'the floor plan is larger than 8 MB' });
          return;
        }
        const kind = sniffMediaKind(body.subarray(0, 512));
        if (!kind || kind.kind !== 'image') {
          json(res, 400, {
            ok: false,
            error: 'the floor plan must be an image (PNG, JPEG, WebP, GIF or SVG)',
          });
          return;
        }
        db.prepare(
          `INSERT INTO settings (key, value) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        ).run(SETTING, JSON.stringify({ mime: kind.mime, data: body.toString('base64') }));
        audit('hall.plan', { bytes: body.length, mime: kind.mime });
        json(res, 200, { ok: true });
      },
      () => json(res, 400, { ok: false, error: 'the upload was interrupted' }),
    );
    return true;
  }
  json(res, 405, { ok: false, error: `${method} is not allowed on /api/hall/plan` });
  return true;
}
