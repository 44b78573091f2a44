import type { Pool, PoolClient } from 'pg';
import { ConsentServerError } from '../errors.js';
import { loadDriver } from './driver.js';
import { newSecret, secretName } from './secret.js';
import type { ConsentStore, InsertOutcome, NewConsent, StoredConsent, StoredEvidence, TermsDocumentRow } from './types.js';

/** Named, not numbered, so they sit beside another tool's rows in a shared `schema_migrations`. */
const migrations = [
  {
    version: 'remote-support-consent/1',
    sql: `
      CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE terms_documents (
        sha256 text PRIMARY KEY, id text NOT NULL, version text NOT NULL, locale text NOT NULL, document json NOT NULL
      );
      CREATE TABLE consents (
        id text PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        nonce text NOT NULL UNIQUE,
        jws text NOT NULL,
        record json NOT NULL,
        terms_sha256 text NOT NULL REFERENCES terms_documents (sha256),
        stored_at timestamptz NOT NULL
      );
    `,
  },
];

/** Every instance migrating the same database waits on this one advisory lock ('rsc' and 1). */
const migrationLock = 0x72736301;

/**
 * PostgreSQL through a `pg` pool. Single use is the database's own unique
 * constraints, so it holds across every instance sharing the database; each
 * insert commits with `synchronous_commit = on`, whatever the server's
 * default, before it resolves. Timeouts on connecting and on statements, so
 * an unreachable or locked database is an error, never a wait forever.
 */
export async function openPostgres(url: string, terms: readonly TermsDocumentRow[]): Promise<ConsentStore> {
  const { default: pg } = await loadDriver('pg', () => import('pg'));
  const pool = new pg.Pool({
    ...durableConnection(url),
    max: 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 10_000,
    statement_timeout: 15_000,
    // Against a database that vanishes without a word (no reset): the client gives up too.
    query_timeout: 20_000,
    keepAlive: true,
    application_name: 'remote-support-consent',
  });
  // An idle connection that breaks (a database restart) is dropped from the pool; unhandled, it would end the process.
  pool.on('error', () => undefined);
  try {
    const secret = await transaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      await migrate(client);
      await keepTerms(client, terms);
      await client.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [secretName, newSecret()]);
      const { rows } = await client.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [secretName]);
      return Buffer.from(rows[0]!.value, 'base64url');
    });
    return postgresStore(pool, secret);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new ConsentServerError('storage-unavailable', `cannot prepare the PostgreSQL database: ${String(error)}`, { cause: error });
  }
}

/**
 * The pool's `connectionString` and `options`, such that every connection starts with
 * `synchronous_commit = on`: a 2xx promises durability, and a server, database or role default of
 * `off` must not weaken it. Set once per connection, as a startup option (which outranks all three),
 * rather than by a statement in every transaction. pg lets a URL's own `options` parameter replace
 * the pool's, and the pool's replace `PGOPTIONS`, so the setting is added to whichever would apply;
 * a later `-c` wins over an earlier one.
 */
export function durableConnection(url: string): { connectionString: string; options?: string } {
  const durable = '-c synchronous_commit=on';
  const inUrl = [...url.matchAll(/[?&]options=[^&#]*/g)].at(-1);
  if (!inUrl) return { connectionString: url, options: [process.env.PGOPTIONS, durable].filter(Boolean).join(' ') };
  const end = inUrl.index + inUrl[0].length;
  // Spelt with %20 and a bare '=': the URL-encoding pg applies to a URL holding a space keeps both as they are.
  return { connectionString: `${url.slice(0, end)}%20${durable.replaceAll(' ', '%20')}${url.slice(end)}` };
}

async function migrate(client: PoolClient): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const { version, sql } of migrations) {
    const { rowCount } = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
    if (rowCount) continue;
    await client.query(sql);
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
  }
}

/** The accepted terms documents, written once at start: each consent then only names its document, which the foreign key holds to. */
async function keepTerms(client: PoolClient, terms: readonly TermsDocumentRow[]): Promise<void> {
  for (const { sha256, id, version, locale, document } of terms) {
    await client.query(
      'INSERT INTO terms_documents (sha256, id, version, locale, document) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING',
      [sha256, id, version, locale, document],
    );
  }
}

async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    // Explicit, whatever the database's default: `insert` relies on each statement seeing what committed before it.
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection whose rollback fails is in an unknown state: destroy it rather than reuse it.
    const broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    client.release(broken instanceof Error ? broken : undefined);
    throw error;
  }
}

function postgresStore(pool: Pool, secret: Uint8Array): ConsentStore {
  return {
    secret,
    insert: (consent) => transaction(pool, (client) => insert(client, consent)),
    async byId(id) {
      const { rows } = await pool.query<StoredConsent>('SELECT id, reference, jws FROM consents WHERE id = $1', [id]);
      return rows[0];
    },
    async evidence(reference) {
      const { rows } = await pool.query<StoredEvidence>(
        `SELECT c.reference, c.jws, c.record::text AS record, t.document::text AS document,
                to_char(c.stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "storedAt"
         FROM consents c JOIN terms_documents t ON t.sha256 = c.terms_sha256 WHERE c.reference = $1`,
        [reference],
      );
      return rows[0];
    },
    close: () => pool.end(),
  };
}

async function insert(client: PoolClient, consent: NewConsent): Promise<InsertOutcome> {
  const { id, reference, nonce, jws, record, storedAt, termsSha256 } = consent;
  const inserted = await client.query(
    `INSERT INTO consents (id, reference, nonce, jws, record, terms_sha256, stored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT DO NOTHING RETURNING id`,
    [id, reference, nonce, jws, record, termsSha256, storedAt],
  );
  if (inserted.rowCount) return { kind: 'inserted' };
  // READ COMMITTED (the transaction begins so): this statement takes a fresh snapshot, so it sees the
  // row whose commit made the insert do nothing, which an older snapshot (REPEATABLE READ) would not.
  const { rows } = await client.query<StoredConsent>('SELECT id, reference, jws FROM consents WHERE id = $1 OR nonce = $2', [id, nonce]);
  return rows.length ? { kind: 'conflict', rows } : { kind: 'reference-taken' };
}
