import type { AuditEntry } from '../db/audit-table';

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A leading =, +, -, @, tab or CR gets a "'" so a spreadsheet shows text instead of running a
 * formula someone typed as a user or token name.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const AUDIT_CSV_COLUMNS = ['id', 'time_utc', 'actor', 'address', 'action', 'detail'];

/** The audit entries as CSV with a header row; a BOM lets spreadsheets read the Chinese right. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        String(e.id),
        new Date(e.at).toISOString(),
        e.actor,
        e.address ?? '',
        e.action,
        JSON.stringify(e.detail),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
