// The consent store under the kit, on SQLite and on PostgreSQL: what each insert outcome means, told
// by the database's own constraints, and the schema and secret a database keeps across opens.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { canonicalize } from '../../src/terms/jcs.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { openStore, type ConsentStore, type NewConsent } from '../../src/server/store/index.js';
import { engines, type TestDatabase } from './fixtures/databases.js';

const ja = builtInTerms.find((document) => document.locale === 'ja')!;
const terms = { sha256: await termsDigest(ja), id: ja.id, version: ja.version, locale: ja.locale, document: canonicalize(ja) };

const aConsent = (overrides: Partial<NewConsent> = {}): NewConsent => ({
  id: randomUUID(),
  reference: `${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase(),
  nonce: randomUUID(),
  jws: `jws-${randomUUID()}`,
  record: '{"v":1}',
  terms,
  storedAt: '2026-11-25T12:00:00.123Z',
  ...overrides,
});

for (const { engine, create } of engines) {
  describe(`the consent store on ${engine}`, () => {
    let db: TestDatabase;
    let store: ConsentStore;
    beforeEach(async () => {
      db = await create();
      store = await openStore(db.url);
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

    it('keeps its secret and rows across opens, and opens a database others opened at once', async () => {
      const consent = aConsent();
      await store.insert(consent);
      const secret = Buffer.from(store.secret);
      assert.equal(secret.length, 32);
      await store.close();
      // Several instances starting on one database at once: the migrations and the secret meet under the lock.
      const opened = await Promise.all(Array.from({ length: 4 }, () => openStore(db.url)));
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
        const opened = await Promise.all(Array.from({ length: 4 }, () => openStore(db.url)));
        assert.equal(new Set(opened.map(({ secret }) => Buffer.from(secret).toString('hex'))).size, 1);
        await Promise.all(opened.map((store) => store.close()));
      } finally {
        await db.drop();
      }
    });
  });
}
