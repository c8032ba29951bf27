import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import type { Hall } from './hall';

/**
 * Switches the whole hall to theme `key` and records who asked and from where. The console key,
 * the HTTP activate API and `hallcue switch` all come through here.
 */
export function switchHall(
  db: Db,
  hall: Hall,
  key: string,
  actor: string,
  address: string | null,
): { revision: number; startAt: number } {
  const result = hall.activate(key, actor);
  appendAudit(db, {
    at: Date.now(),
    actor,
    address,
    action: 'hall.switch',
    detail: { key, revision: result.revision },
  });
  return result;
}
