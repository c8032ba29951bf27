import type Database from 'better-sqlite3';

/**
 * One entry per schema version; entry N migrates a database at user_version N to N+1.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  function v1_initialSchema(db) {
    db.exec(`
      CREATE TABLE screens (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        role          TEXT NOT NULL DEFAULT 'main',
        key_hash      TEXT NOT NULL,
        approved      INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        last_seen_at  INTEGER,
        last_address  TEXT
      );

      CREATE TABLE files (
        sha256      TEXT PRIMARY KEY,
        size        INTEGER NOT NULL,
        mime        TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );

      CREATE TABLE packs (
        id          TEXT PRIMARY KEY,
        created_at  INTEGER NOT NULL
      );

      CREATE TABLE pack_versions (
        id           INTEGER PRIMARY KEY,
        pack_id      TEXT NOT NULL REFERENCES packs(id),
        version      TEXT NOT NULL,
        manifest     TEXT NOT NULL,
        imported_at  INTEGER NOT NULL,
        UNIQUE (pack_id, version)
      );

      CREATE TABLE pack_version_files (
        pack_version_id  INTEGER NOT NULL REFERENCES pack_versions(id) ON DELETE CASCADE,
        path             TEXT NOT NULL,
        sha256           TEXT NOT NULL REFERENCES files(sha256),
        PRIMARY KEY (pack_version_id, path)
      );

      CREATE TABLE themes (
        key              TEXT PRIMARY KEY,
        pack_version_id  INTEGER NOT NULL REFERENCES pack_versions(id),
        updated_at       INTEGER NOT NULL
      );

      -- Exactly one row: the desired state of the whole hall.
      CREATE TABLE hall_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        revision   INTEGER NOT NULL,
        theme_key  TEXT,
        pack_version_id INTEGER REFERENCES pack_versions(id),
        start_at   REAL NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO hall_state (id, revision, theme_key, pack_version_id, start_at, updated_at)
        VALUES (1, 0, NULL, NULL, 0, 0);

      CREATE TABLE switches (
        revision      INTEGER PRIMARY KEY,
        theme_key     TEXT NOT NULL,
        -- History outlives deleted pack versions.
        pack_version_id INTEGER REFERENCES pack_versions(id) ON DELETE SET NULL,
        requested_at  INTEGER NOT NULL,
        start_at      REAL NOT NULL,
        requested_by  TEXT NOT NULL
      );
    `);
  },

  function v2_auditLogAndSettings(db) {
    db.exec(`
      -- Who did what to the library and the themes, newest last; never updated, only appended.
      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        detail  TEXT NOT NULL
      );
      CREATE INDEX audit_log_action ON audit_log (action, id);

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `);
    // Themes assigned before v2 get a publish entry, so rollback has a starting point.
    db.prepare(
      `INSERT INTO audit_log (at, actor, action, detail)
       SELECT updated_at, 'migration', 'theme.publish',
              json_object('key', key, 'packVersionId', pack_version_id, 'previousPackVersionId', NULL)
       FROM themes ORDER BY key`,
    ).run();
  },

  function v3_screenPairingAndRevocation(db) {
    db.exec(`
      -- Shown in large digits on a waiting screen; the operator types it to approve that screen.
      ALTER TABLE screens ADD COLUMN pairing_code TEXT;
      ALTER TABLE screens ADD COLUMN revoked_at INTEGER;
    `);
  },

  function v4_switchReports(db) {
    db.exec(`
      -- Who was expected to show a press: the approved screens online when it was made.
      ALTER TABLE switches ADD COLUMN expected_screens TEXT NOT NULL DEFAULT '[]';
      -- When each screen reported the first frame of a press, in controller time.
      CREATE TABLE switch_presentations (
        revision      INTEGER NOT NULL REFERENCES switches(revision) ON DELETE CASCADE,
        screen_id     TEXT NOT NULL,
        presented_at  REAL NOT NULL,
        PRIMARY KEY (revision, screen_id)
      );
    `);
  },

  function v5_accountsSessionsApiTokensAuditAddress(db) {
    db.exec(`
      -- Console users. Passwords are scrypt hashes with their own salt and parameters.
      CREATE TABLE accounts (
        id             INTEGER PRIMARY KEY,
        username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role           TEXT NOT NULL CHECK (role IN ('operator', 'curator', 'administrator')),
        password_hash  TEXT NOT NULL,
        language       TEXT NOT NULL DEFAULT 'en',
        disabled       INTEGER NOT NULL DEFAULT 0,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      );

      -- Logged-in consoles; only a hash of the cookie value is kept, so a copy of the
      -- database cannot be used to log in.
      CREATE TABLE sessions (
        token_hash    TEXT PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at    INTEGER NOT NULL,
        last_used_at  INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL,
        address       TEXT
      );
      CREATE INDEX sessions_account ON sessions (account_id);

      -- Bearer tokens for button boxes and scripts, hashed like sessions; revoked ones stay listed.
      CREATE TABLE api_tokens (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role          TEXT NOT NULL CHECK (role IN ('operator', 'curator', 'administrator')),
        token_hash    TEXT NOT NULL UNIQUE,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL,
        last_used_at  INTEGER,
        revoked_at    INTEGER
      );

      -- Where each action came from (a console's or script's address); NULL for local tools.
      ALTER TABLE audit_log ADD COLUMN address TEXT;
      CREATE INDEX audit_log_at ON audit_log (at);
    `);
  },

  function v6_consoleHall(db) {
    db.exec(`
      -- Blackout or emergency message over every theme (JSON), or NULL.
      ALTER TABLE hall_state ADD COLUMN override TEXT;

      -- Named groups of screens that a zone press switches on their own.
      CREATE TABLE zones (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        position    INTEGER NOT NULL,
        created_at  INTEGER NOT NULL
      );
      -- A zone's own theme, from a zone press; a whole-hall press clears them all.
      CREATE TABLE zone_themes (
        zone_id          TEXT PRIMARY KEY REFERENCES zones(id) ON DELETE CASCADE,
        theme_key        TEXT NOT NULL,
        pack_version_id  INTEGER REFERENCES pack_versions(id) ON DELETE SET NULL,
        start_at         REAL NOT NULL
      );

      -- The console's name for a screen (the device keeps its own name to connect with), its
      -- zone, its place on the hall picture and the app it runs.
      ALTER TABLE screens ADD COLUMN label TEXT;
      ALTER TABLE screens ADD COLUMN zone_id TEXT REFERENCES zones(id) ON DELETE SET NULL;
      ALTER TABLE screens ADD COLUMN plan_x REAL;
      ALTER TABLE screens ADD COLUMN plan_y REAL;
      ALTER TABLE screens ADD COLUMN app_version TEXT;

      -- What a press was (a theme, blackout, emergency, clear) and which zone it switched.
      ALTER TABLE switches ADD COLUMN kind TEXT NOT NULL DEFAULT 'theme';
      ALTER TABLE switches ADD COLUMN zone_id TEXT;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings `db` up to SCHEMA_VERSION, one transaction per step; refuses databases from the future. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this HallCue understands (${MIGRATIONS.length}); upgrade HallCue or restore a backup`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`missing migration for schema version ${version + 1}`);
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
