// A 2xx is a promise that the consent is kept: a server process killed with SIGKILL while 500
// consents are in flight, then restarted on the same database, must still hold every consent it
// answered with a 2xx, none twice, in a database that opens cleanly; and a consent posted again
// gets the stored answer if it was stored (its answer lost in the crash) or is stored now if not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fetchChallenge, postConsent, signConsent, type Answer } from './fixtures/consents.js';
import { engines } from './fixtures/databases.js';
import { inPool } from './fixtures/pool.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';

const consentCount = 500;
const killAfter = 100;

const stop = async (server: ServerProcess) => {
  server.child.kill('SIGKILL');
  await server.exited();
};

for (const { engine, create } of engines) {
  describe(`a server process killed mid-load, on ${engine}`, () => {
    it(`keeps every consent answered 2xx when killed after ${killAfter} of ${consentCount}, none twice, and answers a re-post from the database`, { timeout: 120_000 }, async (t) => {
      const db = await create();
      let server = await startServerProcess(db.url);
      try {
        const consents = await inPool(Array.from({ length: consentCount }), 16, async () => signConsent(await fetchChallenge(server.base)));

        // Every consent at once; SIGKILL as the 100th 2xx arrives. Answers already on their way still count.
        const answered = new Map<string, Answer>();
        const refusedBeforeKill: Answer[] = [];
        let killed: Promise<unknown> | undefined;
        const outcomes = await Promise.allSettled(
          consents.map(async ({ jws, record }) => {
            const answer = await postConsent(server.base, jws);
            if (answer.status === 201) answered.set(record.id, answer);
            else if (!killed) refusedBeforeKill.push(answer);
            if (answered.size >= killAfter && !killed) killed = (server.child.kill('SIGKILL'), server.exited());
          }),
        );
        assert.deepEqual(refusedBeforeKill, [], 'before the kill, every fresh consent is stored');
        assert.ok(killed, `the server was killed (${answered.size} answered)`);
        assert.equal(await killed, 'SIGKILL');
        const lost = outcomes.filter(({ status }) => status === 'rejected').length;
        assert.ok(lost > 0, 'some consents were still in flight when the server died');
        assert.equal(answered.size + lost, consentCount);

        server = await startServerProcess(db.url);
        assert.equal(await db.check(), 'ok');
        const rows = await db.consents();
        const stored = new Map(rows.map((row) => [row.id, row]));
        assert.equal(stored.size, rows.length, 'no record id twice');
        assert.equal(new Set(rows.map(({ nonce }) => nonce)).size, rows.length, 'no challenge twice');
        const posted = new Map(consents.map(({ jws, record }) => [record.id, jws]));
        for (const { id, jws } of rows) assert.equal(jws, posted.get(id), `row ${id} holds a JWS that was posted, unchanged`);
        t.diagnostic(`${answered.size} answered 201 before the process died, ${lost} lost in flight, ${rows.length} stored`);
        for (const [id, { body }] of answered) {
          const row = stored.get(id);
          assert.ok(row, `consent ${id} was answered 201 but is not in the database`);
          assert.deepEqual(body, { id, reference: row.reference });
        }

        // The element's retry after a lost answer: the stored answer (200) if stored, else stored now (201).
        const retries = await inPool(consents, 16, ({ jws }) => postConsent(server.base, jws));
        retries.forEach(({ status, body }, i) => {
          const { id } = consents[i]!.record;
          const row = stored.get(id);
          if (row) assert.deepEqual({ status, body }, { status: 200, body: { id, reference: row.reference } });
          else assert.equal(status, 201, `${id}: ${JSON.stringify(body)}`);
        });
        assert.equal((await db.consents()).length, consentCount, 'every consent stored once');
        assert.equal(await db.check(), 'ok');
      } finally {
        await stop(server);
        await db.drop();
      }
    });
  });
}
