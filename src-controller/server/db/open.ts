import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/** Distinct SQL texts kept prepared; the tables' queries are a few hundred at most. */
const STATEMENT_CACHE_SIZE = 512;

/** Opens (or creates) the controller database at `file` in WAL mode and migrates it. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    cacheStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Makes `db.prepare` hand out one prepared statement per SQL text. The table modules prepare
 * their statement on every call, which kept them short; but preparing costs far more than
 * running, and a press in a hall of 2,000 screens runs some of them thousands of times (a
 * profile of a cluster node showed preparing as its largest single cost). The statements are
 * used without pluck/raw/expand/bind, so a shared statement behaves exactly like a fresh one;
 * SQLite re-prepares it by itself after a schema change.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as Db['prepare'];
}
