import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import type { Hall } from './hall';

/**
 * Switches the whole hall (or with `zone`, one zone) to theme `key` and records who asked and
 * from where. The console key, the HTTP activate API and `hallcue switch` all come through here.
 */
export async function switchHall(
  db: Db,
  hall: Hall,
  key: string,
  actor: string,
  address: string | null,
  zone?: string,
): Promise<{ revision: number; startAt: number }> {
  const result = await hall.activate(key, actor, zone);
  appendAudit(db, {
    at: Date.now(),
    actor,
    address,
    action: 'hall.switch',
    detail:
      zone === undefined
        ? { key, revision: result.revision }
        : { key, zone, revision: result.revision },
  });
  return result;
}
