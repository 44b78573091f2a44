// The server kit's guarantees under load, on SQLite and on PostgreSQL, over real HTTP on loopback:
// one JWS posted 200 times at once is stored once and answered alike; two instances on one database
// share their challenges and consume each once; hostile tokens get a 4xx, never a 5xx or a crash.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { createConsentServer } from '../../src/server/index.js';
import { builtInTerms } from '../../src/terms/index.js';
import { hostileTokens, worstTokens } from '../hostile-tokens.js';
import { fetchChallenge, postConsent, signConsent, type Answer } from './fixtures/consents.js';
import { engines, type TestDatabase } from './fixtures/databases.js';
import { startServerProcess } from './fixtures/server-process.js';

/** The kit in this process on Node's http, under /api/, as a vendor mounts it. */
async function serve(database: string) {
  const kit = await createConsentServer({ database, terms: builtInTerms });
  const server = createServer((request, response) => kit.listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await kit.close();
    },
  };
}

const reference = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const statuses = (answers: Answer[]) => answers.map(({ status }) => status).sort((a, b) => a - b);
const byId = <T extends { id: string }>(rows: T[]) => rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

for (const { engine, create } of engines) {
  describe(`the server kit under load, on ${engine}`, () => {
    let db: TestDatabase;
    const closers: Array<() => Promise<void>> = [];
    beforeEach(async () => {
      db = await create();
    });
    afterEach(async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
      await db.drop();
    });
    const started = async (database: string) => {
      const server = await serve(database);
      closers.push(() => server.close());
      return server;
    };

    it('stores one JWS posted 200 times at once exactly once, and answers every post alike (one 201, the rest 200)', async () => {
      const { base } = await started(db.url);
      const { jws, record } = await signConsent(await fetchChallenge(base));
      const answers = await Promise.all(Array.from({ length: 200 }, () => postConsent(base, jws)));
      assert.deepEqual(statuses(answers), [...Array(199).fill(200), 201]);
      const [first] = answers;
      assert.equal(first!.body.id, record.id);
      assert.match(String(first!.body.reference), reference);
      for (const { body } of answers) assert.deepEqual(body, first!.body);
      const rows = await db.consents();
      assert.deepEqual(rows.map(({ id, reference, jws }) => ({ id, reference, jws })), [{ id: record.id, reference: first!.body.reference, jws }]);
    });

    it('two instances on one database: a challenge issued by one is used once at either, and every replay is 409', async () => {
      // Started together on a fresh database: their migrations meet under the lock.
      const [a, b] = await Promise.all([started(db.url), started(db.url)]);

      const challenge = await fetchChallenge(a.base);
      const consent = await signConsent(challenge);
      const stored = await postConsent(b.base, consent.jws);
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      for (const base of [a.base, b.base]) assert.deepEqual(await postConsent(base, consent.jws), { ...stored, status: 200 });
      const sameChallenge = await signConsent(challenge);
      const sameId = await signConsent(await fetchChallenge(b.base), { id: consent.record.id });
      for (const base of [a.base, b.base]) {
        for (const replay of [sameChallenge, sameId]) {
          const { status, body } = await postConsent(base, replay.jws);
          assert.deepEqual({ status, code: body.code }, { status: 409, code: 'replayed' });
        }
      }

      // Twenty different consents on one challenge from B, at both instances at once: one wins.
      const raced = await fetchChallenge(b.base);
      const contenders = await Promise.all(Array.from({ length: 20 }, () => signConsent(raced)));
      const answers = await Promise.all(contenders.map(({ jws }, i) => postConsent(i % 2 ? a.base : b.base, jws)));
      assert.deepEqual(statuses(answers), [201, ...Array(19).fill(409)]);
      for (const { status, body } of answers) if (status === 409) assert.equal(body.code, 'replayed');
      const winner = contenders[answers.findIndex(({ status }) => status === 201)]!;

      assert.deepEqual(
        byId((await db.consents()).map(({ id, nonce, jws }) => ({ id, nonce, jws }))),
        byId([
          { id: consent.record.id, nonce: challenge, jws: consent.jws },
          { id: winner.record.id, nonce: raced, jws: winner.jws },
        ]),
      );
    });

    it('answers hostile tokens with a 4xx JSON code, never a 5xx, and the server process stays up', async () => {
      const server = await startServerProcess(db.url);
      closers.push(async () => void (server.child.kill('SIGKILL'), await server.exited()));
      const refused = async (token: string) => {
        const { status, body } = await postConsent(server.base, token).catch((error: unknown) => {
          throw new Error(`no answer (the server ${server.child.exitCode === null ? 'is up' : 'exited'}): ${String(error)}\n${server.stderr().slice(-2000)}`);
        });
        assert.ok(status >= 400 && status < 500, `${status} for a token of ${token.length} characters: ${JSON.stringify(body)}`);
        assert.equal(typeof body.code, 'string');
      };
      for (const token of worstTokens) await refused(token);
      await fc.assert(fc.asyncProperty(hostileTokens(), refused), { numRuns: 150 });

      assert.equal(server.child.exitCode, null, server.stderr());
      const { jws, record } = await signConsent(await fetchChallenge(server.base));
      assert.equal((await postConsent(server.base, jws)).status, 201);
      assert.deepEqual((await db.consents()).map(({ id }) => id), [record.id], 'only the genuine consent is stored');
    });
  });
}
