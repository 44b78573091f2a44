import type BetterSqlite3 from 'better-sqlite3';
import { ConsentServerError } from '../errors.js';
import { loadDriver } from './driver.js';
import { newSecret, secretName } from './secret.js';
import type { ConsentStore, InsertOutcome, StoredConsent, StoredEvidence, TermsDocumentRow } from './types.js';

/** Named, not numbered, so they sit beside another tool's rows in a shared `schema_migrations`. */
const migrations = [
  {
    version: 'remote-support-consent/1',
    sql: `
      CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE terms_documents (
        sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, locale TEXT NOT NULL, document TEXT NOT NULL
      ) STRICT;
      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        nonce TEXT NOT NULL UNIQUE,
        jws TEXT NOT NULL,
        record TEXT NOT NULL,
        terms_sha256 TEXT NOT NULL REFERENCES terms_documents (sha256),
        stored_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

/**
 * SQLite through better-sqlite3, in WAL mode with `synchronous=FULL`: a
 * commit has reached the disk when `insert` returns, so a process killed
 * right after its answer keeps the row. Calls are synchronous, so within one
 * process they never interleave; across processes `BEGIN IMMEDIATE` and the
 * busy timeout serialise writers.
 */
export async function openSqlite(file: string, terms: readonly TermsDocumentRow[]): Promise<ConsentStore> {
  const { default: Database } = await loadDriver('better-sqlite3', () => import('better-sqlite3'));
  let db: BetterSqlite3.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ConsentServerError('storage-unavailable', `cannot open the SQLite database ${file}: ${String(error)}`, { cause: error });
  }
  try {
    // The busy timeout first: switching to WAL itself waits for other connections.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    keepTerms(db, terms);
    const secret = ensureSecret(db);
    return sqliteStore(db, secret);
  } catch (error) {
    db.close();
    throw new ConsentServerError('storage-unavailable', `cannot prepare the SQLite database ${file}: ${String(error)}`, { cause: error });
  }
}

function migrate(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
    for (const { version, sql } of migrations) {
      if (applied.get(version)) continue;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }
  }).immediate();
}

/** The accepted terms documents, written once at start: each consent then only names its document, which the foreign key holds to. */
function keepTerms(db: BetterSqlite3.Database, terms: readonly TermsDocumentRow[]): void {
  const insert = db.prepare('INSERT INTO terms_documents (sha256, id, version, locale, document) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
  db.transaction(() => {
    for (const { sha256, id, version, locale, document } of terms) insert.run(sha256, id, version, locale, document);
  }).immediate();
}

function ensureSecret(db: BetterSqlite3.Database): Uint8Array {
  db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(secretName, newSecret());
  const { value } = db.prepare('SELECT value FROM settings WHERE name = ?').get(secretName) as { value: string };
  return Buffer.from(value, 'base64url');
}

function sqliteStore(db: BetterSqlite3.Database, secret: Uint8Array): ConsentStore {
  const insertConsent = db.prepare(
    `INSERT INTO consents (id, reference, nonce, jws, record, terms_sha256, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING id`,
  );
  const holders = db.prepare('SELECT id, reference, jws FROM consents WHERE id = ? OR nonce = ?');
  const byId = db.prepare('SELECT id, reference, jws FROM consents WHERE id = ?');
  const evidence = db.prepare(
    `SELECT c.reference, c.jws, c.record, t.document, c.stored_at AS storedAt
     FROM consents c JOIN terms_documents t ON t.sha256 = c.terms_sha256 WHERE c.reference = ?`,
  );
  const insert = db.transaction((consent: Parameters<ConsentStore['insert']>[0]): InsertOutcome => {
    const { id, reference, nonce, jws, record, termsSha256, storedAt } = consent;
    if (insertConsent.get(id, reference, nonce, jws, record, termsSha256, storedAt)) return { kind: 'inserted' };
    const rows = holders.all(id, nonce) as StoredConsent[];
    return rows.length ? { kind: 'conflict', rows } : { kind: 'reference-taken' };
  });
  return {
    secret,
    insert: async (consent) => insert.immediate(consent),
    byId: async (id) => byId.get(id) as StoredConsent | undefined,
    evidence: async (reference) => evidence.get(reference) as StoredEvidence | undefined,
    close: async () => void db.close(),
  };
}
