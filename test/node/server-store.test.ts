// The consent store under the kit, on SQLite and on PostgreSQL: what each insert outcome means, told
// by the database's own constraints, and the schema and secret a database keeps across opens.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { canonicalize } from '../../src/terms/jcs.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { openStore, type ConsentStore, type NewConsent } from '../../src/server/store/index.js';
import { durableConnection } from '../../src/server/store/postgres.js';
import { engines, type TestDatabase } from './fixtures/databases.js';

const ja = builtInTerms.find((document) => document.locale === 'ja')!;
const terms = { sha256: await termsDigest(ja), id: ja.id, version: ja.version, locale: ja.locale, document: canonicalize(ja) };

const aConsent = (overrides: Partial<NewConsent> = {}): NewConsent => ({
  id: randomUUID(),
  reference: `${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase(),
  nonce: randomUUID(),
  jws: `jws-${randomUUID()}`,
  record: '{"v":1}',
  termsSha256: terms.sha256,
  storedAt: '2026-11-25T12:00:00.123Z',
  ...overrides,
});

for (const { engine, create } of engines) {
  describe(`the consent store on ${engine}`, () => {
    let db: TestDatabase;
    let store: ConsentStore;
    beforeEach(async () => {
      db = await create();
      store = await openStore(db.url, [terms]);
    });
    afterEach(async () => {
      await store.close();
      await db.drop();
    });

    it('inserts a consent and gives its evidence back as stored', async () => {
      const consent = aConsent();
      assert.deepEqual(await store.insert(consent), { kind: 'inserted' });
      assert.deepEqual(await store.evidence(consent.reference), {
        reference: consent.reference,
        jws: consent.jws,
        record: consent.record,
        document: terms.document,
        storedAt: consent.storedAt,
      });
      assert.deepEqual(await store.byId(consent.id), { id: consent.id, reference: consent.reference, jws: consent.jws });
      assert.equal(await store.byId(randomUUID()), undefined);
      assert.equal(await store.evidence('ZZZZ-ZZZZ'), undefined);
    });

    it('stores nothing for a record id or a challenge already stored, and names the row that holds it', async () => {
      const first = aConsent();
      await store.insert(first);
      const holder = { id: first.id, reference: first.reference, jws: first.jws };
      assert.deepEqual(await store.insert({ ...first, reference: 'ABCD-EFGH' }), { kind: 'conflict', rows: [holder] }, 'the same consent again');
      assert.deepEqual(await store.insert(aConsent({ id: first.id })), { kind: 'conflict', rows: [holder] }, 'its id');
      assert.deepEqual(await store.insert(aConsent({ nonce: first.nonce })), { kind: 'conflict', rows: [holder] }, 'its challenge');
      const second = aConsent();
      await store.insert(second);
      const both = await store.insert(aConsent({ id: first.id, nonce: second.nonce }));
      assert.equal(both.kind, 'conflict');
      assert.deepEqual(new Set(both.kind === 'conflict' ? both.rows.map(({ id }) => id) : []), new Set([first.id, second.id]));
      assert.equal((await db.consents()).length, 2);
    });

    it('tells a reference taken apart from a replay, storing nothing', async () => {
      const first = aConsent();
      await store.insert(first);
      assert.deepEqual(await store.insert(aConsent({ reference: first.reference })), { kind: 'reference-taken' });
      assert.deepEqual((await db.consents()).map(({ id }) => id), [first.id]);
    });

    it('keeps one terms document for many consents', async () => {
      for (let i = 0; i < 3; i++) assert.deepEqual(await store.insert(aConsent()), { kind: 'inserted' });
      assert.equal((await db.consents()).length, 3);
    });

    it('holds the terms documents it was opened with before any consent, and refuses a consent naming another', async () => {
      assert.deepEqual(await db.termsDocuments(), [{ sha256: terms.sha256, document: terms.document }]);
      // The foreign key still holds: a consent can only name a document the store keeps.
      await assert.rejects(store.insert(aConsent({ termsSha256: 'A'.repeat(43) })));
      assert.deepEqual(await db.consents(), []);
      // Opened again with the same documents: nothing is written twice.
      await store.close();
      store = await openStore(db.url, [terms, terms]);
      assert.equal((await db.termsDocuments()).length, 1);
    });

    it('keeps its secret and rows across opens, and opens a database others opened at once', async () => {
      const consent = aConsent();
      await store.insert(consent);
      const secret = Buffer.from(store.secret);
      assert.equal(secret.length, 32);
      await store.close();
      // Several instances starting on one database at once: the migrations and the secret meet under the lock.
      const opened = await Promise.all(Array.from({ length: 4 }, () => openStore(db.url, [terms])));
      for (const other of opened) assert.deepEqual(Buffer.from(other.secret), secret);
      assert.equal((await opened[0]!.evidence(consent.reference))?.jws, consent.jws);
      await Promise.all(opened.slice(1).map((other) => other.close()));
      store = opened[0]!;
    });
  });

  describe(`a fresh ${engine} database`, () => {
    it('is migrated by the first of several instances opening it at once, and gets one secret', async () => {
      const db = await create();
      try {
        const opened = await Promise.all(Array.from({ length: 4 }, () => openStore(db.url, [terms])));
        assert.equal(new Set(opened.map(({ secret }) => Buffer.from(secret).toString('hex'))).size, 1);
        await Promise.all(opened.map((store) => store.close()));
      } finally {
        await db.drop();
      }
    });
  });
}

describe('PostgreSQL connections, whatever the database defaults to', () => {
  const postgres = engines.find(({ engine }) => engine === 'PostgreSQL')!;
  let db: TestDatabase;
  const name = () => new URL(db.url).pathname.slice(1);
  beforeEach(async () => {
    db = await postgres.create();
  });
  afterEach(() => db.drop());

  async function query<T extends pg.QueryResultRow>(config: pg.ClientConfig, sql: string): Promise<T[]> {
    const client = new pg.Client(config);
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const show = async (config: pg.ClientConfig, setting: string) => (await query<Record<string, string>>(config, `SHOW ${setting}`))[0]![setting];

  it('commit synchronously though the database, the URL or PGOPTIONS say otherwise, keeping their other options', async () => {
    await query({ connectionString: db.url }, `ALTER DATABASE ${name()} SET synchronous_commit = off`);
    assert.equal(await show({ connectionString: db.url }, 'synchronous_commit'), 'off', 'the database default is off');
    assert.equal(await show(durableConnection(db.url), 'synchronous_commit'), 'on');

    const url = new URL(db.url);
    url.searchParams.set('options', '-c search_path=elsewhere -c synchronous_commit=off');
    assert.equal(await show({ connectionString: url.href }, 'synchronous_commit'), 'off', "the URL's options replace the pool's");
    assert.equal(await show(durableConnection(url.href), 'synchronous_commit'), 'on');
    assert.equal(await show(durableConnection(url.href), 'search_path'), 'elsewhere');

    const before = process.env.PGOPTIONS;
    process.env.PGOPTIONS = '-c search_path=fromenv -c synchronous_commit=off';
    try {
      assert.equal(await show(durableConnection(db.url), 'synchronous_commit'), 'on');
      assert.equal(await show(durableConnection(db.url), 'search_path'), 'fromenv');
    } finally {
      if (before === undefined) delete process.env.PGOPTIONS;
      else process.env.PGOPTIONS = before;
    }
  });

  it('read back the row that made an insert do nothing, though transactions default to REPEATABLE READ', async () => {
    await query({ connectionString: db.url }, `ALTER DATABASE ${name()} SET default_transaction_isolation = 'repeatable read'`);
    const store = await openStore(db.url, [terms]);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      const first = aConsent();
      // Another instance's insert of the same record, not yet committed when this one's begins.
      await other.query('BEGIN');
      await other.query('INSERT INTO consents (id, reference, nonce, jws, record, terms_sha256, stored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        first.id,
        first.reference,
        first.nonce,
        first.jws,
        first.record,
        first.termsSha256,
        first.storedAt,
      ]);
      const second = store.insert({ ...first, reference: 'ABCD-EFGH' });
      await waitForLock(db.url);
      await other.query('COMMIT');
      // Under REPEATABLE READ the insert's snapshot predates that row: a serialization failure, not this answer.
      assert.deepEqual(await second, { kind: 'conflict', rows: [{ id: first.id, reference: first.reference, jws: first.jws }] });
    } finally {
      await other.end();
      await store.close();
    }
  });
});

/** Until one of the kit's connections waits on a lock (the insert behind another's uncommitted row). */
async function waitForLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let tries = 0; tries < 200; tries++) {
      const { rowCount } = await client.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'remote-support-consent' AND wait_event_type = 'Lock' AND datname = current_database()",
      );
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail('the insert never waited on the other transaction');
  } finally {
    await client.end();
  }
}
