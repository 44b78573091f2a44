// The server kit `remote-support-consent/server` from the outside, on SQLite and on PostgreSQL: a real
// HTTP server on 127.0.0.1 (Node's http with `listener`, and Express), records signed as the element
// signs them, challenges fetched from the kit, and the rows read back from the database itself.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import express from 'express';
import fc from 'fast-check';
import pg from 'pg';
import { base64url } from '../../src/base64url.js';
import { ecdsa, signCompact, thumbprint, type PublicJwk } from '../../src/consent/jws.js';
import { createRecord, type ConsentRecord } from '../../src/consent/record.js';
import { ConsentServerError, createConsentServer, type ConsentServer, type ConsentServerOptions } from '../../src/server/index.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { fetchChallenge, postConsent, signConsent, type Answer } from './fixtures/consents.js';
import { engines, type TestDatabase } from './fixtures/databases.js';

const ja = builtInTerms.find((document) => document.locale === 'ja')!;
const jaRef = { id: ja.id, version: ja.version, locale: ja.locale, sha256: await termsDigest(ja) };
const reference = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const operatorToken = 'operator-token-0123456789abcdef';

/** A record signed by a fresh device key, as the element signs it; `header` overrides header members. */
async function signed(record: ConsentRecord | Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign'])) as CryptoKeyPair;
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
  const jwk: PublicJwk = { kty, crv, x, y };
  return signCompact({ alg: 'ES256', jwk, kid: await thumbprint(jwk), ...header }, JSON.stringify(record), pair.privateKey);
}

const aRecord = (nonce: string | undefined, extra: Partial<Parameters<typeof createRecord>[0]> = {}) =>
  createRecord({ terms: jaRef, origin: 'https://portal.example.com', nonce, ...extra });

/** A clock the test moves; the kit reads it through `now`. */
function testClock() {
  let time = Date.now();
  return { now: () => new Date(time), advance: (seconds: number) => void (time += seconds * 1000) };
}

interface Served {
  kit: ConsentServer;
  /** `http://127.0.0.1:<port>/api/` */
  base: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with `listener` (as `http.createServer` takes it) or any other request listener. */
async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopListening(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Where a test's raw database work goes: renaming a table, counting connections. */
async function onDatabase(url: string, sql: string): Promise<unknown[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      const statement = db.prepare(sql);
      return statement.reader ? statement.all() : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const json = async (response: Response): Promise<Answer & { headers: Headers }> => ({
  status: response.status,
  headers: response.headers,
  body: JSON.parse(await response.text()) as Record<string, unknown>,
});

for (const { engine, create } of engines) {
  describe(`the server kit on ${engine}, over HTTP`, () => {
    let db: TestDatabase;
    const cleanups: Array<() => Promise<void>> = [];
    beforeEach(async () => {
      db = await create();
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      await db.drop();
    });

    /** The kit on Node's http, every route under /api/, as a vendor mounts it. */
    async function serve(options: Partial<ConsentServerOptions> = {}): Promise<Served> {
      const kit = await createConsentServer({ database: db.url, terms: builtInTerms, operatorToken, ...options });
      const { server, origin } = await listen(kit.listener);
      let closed: Promise<void> | undefined;
      const close = () => (closed ??= stopListening(server).then(() => kit.close()));
      cleanups.push(close);
      return { kit, base: `${origin}/api/`, close };
    }

    /** `GET …/consents/<ref>` with `authorization: Bearer <token>`; a token of null sends no authorization. */
    const lookUp = (base: string, ref: string, token: string | null = operatorToken) =>
      fetch(new URL(`consents/${ref}`, base), token === null ? {} : { headers: { authorization: `Bearer ${token}` } }).then(json);

    describe('storing a consent', () => {
      it('answers 201 { id, reference } for a fresh consent and stores exactly it', async () => {
        const { base } = await serve();
        const challenge = await fetchChallenge(base);
        assert.match(challenge, /^[\w-]{54}$/);
        const { jws, record } = await signConsent(challenge);
        const answer = await postConsent(base, jws);
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        assert.deepEqual(Object.keys(answer.body).sort(), ['id', 'reference']);
        assert.equal(answer.body.id, record.id);
        assert.match(String(answer.body.reference), reference);
        assert.deepEqual(await db.consents(), [{ id: record.id, reference: answer.body.reference, nonce: challenge, jws }]);
      });

      it('issues a different challenge each time, and never a cached one', async () => {
        const { base } = await serve();
        const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(new URL('challenge', base)).then(json)));
        assert.equal(new Set(answers.map(({ body }) => body.challenge)).size, 20);
        for (const { status, headers } of answers) assert.deepEqual([status, headers.get('cache-control')], [200, 'no-store']);
        assert.deepEqual(await db.consents(), [], 'issuing writes nothing');
      });

      it('answers the identical JWS again with 200 and the same body, storing nothing more', async () => {
        const { base } = await serve();
        const { jws } = await signConsent(await fetchChallenge(base));
        const first = await postConsent(base, jws);
        assert.equal(first.status, 201);
        assert.deepEqual(await postConsent(base, jws), { status: 200, body: first.body });
        assert.deepEqual(await postConsent(base, jws), { status: 200, body: first.body });
        assert.equal((await db.consents()).length, 1);
      });

      it('refuses another JWS with a stored record id as replayed (409), under a new challenge or re-signed', async () => {
        const { base } = await serve();
        const original = await signConsent(await fetchChallenge(base));
        assert.equal((await postConsent(base, original.jws)).status, 201);
        const underNewChallenge = await signConsent(await fetchChallenge(base), { id: original.record.id });
        // ECDSA signs afresh each time: the same record, another JWS.
        const resigned = await signed(original.record);
        assert.notEqual(resigned, original.jws);
        for (const jws of [underNewChallenge.jws, resigned]) {
          const { status, body } = await postConsent(base, jws);
          assert.deepEqual({ status, code: body.code, message: typeof body.message }, { status: 409, code: 'replayed', message: 'string' });
        }
        assert.deepEqual((await db.consents()).map(({ jws }) => jws), [original.jws]);
      });

      it('refuses another record carrying a spent challenge as replayed (409)', async () => {
        const { base } = await serve();
        const challenge = await fetchChallenge(base);
        const first = await signConsent(challenge);
        assert.equal((await postConsent(base, first.jws)).status, 201);
        const second = await signConsent(challenge);
        const { status, body } = await postConsent(base, second.jws);
        assert.deepEqual({ status, code: body.code }, { status: 409, code: 'replayed' });
        assert.deepEqual((await db.consents()).map(({ id }) => id), [first.record.id]);
      });

      it('stores one JWS posted 50 times at once once: one 201, the rest 200 with the same body', async () => {
        const { base } = await serve();
        const { jws, record } = await signConsent(await fetchChallenge(base));
        const answers = await Promise.all(Array.from({ length: 50 }, () => postConsent(base, jws)));
        assert.deepEqual(answers.map(({ status }) => status).sort(), [201, ...Array(49).fill(200)].sort());
        for (const { body } of answers) assert.deepEqual(body, answers[0]!.body);
        const rows = await db.consents();
        assert.deepEqual(rows.map(({ id, reference }) => ({ id, reference })), [{ id: record.id, reference: answers[0]!.body.reference }]);
      });

      it('gives every stored consent its own reference', async () => {
        const { base } = await serve();
        const answers = await Promise.all(
          Array.from({ length: 30 }, async () => postConsent(base, (await signConsent(await fetchChallenge(base))).jws)),
        );
        assert.deepEqual(new Set(answers.map(({ status }) => status)), new Set([201]));
        assert.equal(new Set(answers.map(({ body }) => body.reference)).size, 30);
      });
    });

    describe('challenges', () => {
      it('refuses a record without a challenge, with a word that is no challenge, or with one another database issued (422 nonce-mismatch)', async () => {
        const { base } = await serve();
        const elsewhere = await create();
        cleanups.push(() => elsewhere.drop());
        const other = await createConsentServer({ database: elsewhere.url, terms: builtInTerms });
        const foreign = JSON.parse(await (await other.handler(new Request('http://localhost/challenge'))).text()).challenge as string;
        await other.close();
        const real = await fetchChallenge(base);
        // The right spelling and expiry, another MAC: a challenge this database never issued.
        const bytes = Buffer.from(real, 'base64url');
        bytes[bytes.length - 1]! ^= 1;
        const forged = base64url(bytes);
        for (const nonce of [undefined, 'a-word', foreign, forged]) {
          const { status, body } = await postConsent(base, await signed(aRecord(nonce)));
          assert.deepEqual({ status, code: body.code }, { status: 422, code: 'nonce-mismatch' }, `nonce ${nonce}`);
        }
        assert.deepEqual(await db.consents(), []);
        assert.equal((await postConsent(base, await signed(aRecord(real)))).status, 201, 'the real one still works');
      });

      it('refuses an expired challenge (422 nonce-mismatch), yet answers the identical stored JWS as before', async () => {
        const clock = testClock();
        const { base } = await serve({ now: clock.now, challengeTtlSeconds: 60 });
        const late = aRecord(await fetchChallenge(base), { now: clock.now() });
        const stored = await signConsent(await fetchChallenge(base));
        const first = await postConsent(base, stored.jws);
        assert.equal(first.status, 201);

        clock.advance(61);
        const { status, body } = await postConsent(base, await signed(late));
        assert.deepEqual({ status, code: body.code }, { status: 422, code: 'nonce-mismatch' });
        // A retry whose answer was lost is owed that answer, however late it comes: past the challenge, past the record's age.
        assert.deepEqual(await postConsent(base, stored.jws), { status: 200, body: first.body });
        clock.advance(3600);
        assert.deepEqual(await postConsent(base, stored.jws), { status: 200, body: first.body });
        assert.equal((await db.consents()).length, 1);
      });

      it('takes a challenge lifetime of up to a year, and a challenge made under it is good until then', async () => {
        const clock = testClock();
        const { base } = await serve({ now: clock.now, challengeTtlSeconds: 31_536_000 });
        const challenge = await fetchChallenge(base);
        clock.advance(31_536_000 - 600);
        const record = aRecord(challenge, { now: clock.now() });
        assert.deepEqual(await postConsent(base, await signed(record)).then(({ status, body }) => [status, body.id]), [201, record.id]);
      });

      it('keeps the challenge secret and the records across a restart, and shares both between two instances', async () => {
        const first = await serve();
        const beforeRestart = await fetchChallenge(first.base);
        const kept = await signConsent(await fetchChallenge(first.base));
        const keptAnswer = await postConsent(first.base, kept.jws);
        await first.close();

        const [again, beside] = [await serve(), await serve()];
        const { jws } = await signConsent(beforeRestart);
        assert.equal((await postConsent(again.base, jws)).status, 201, 'a challenge issued before the restart');
        assert.deepEqual(await postConsent(again.base, kept.jws), { status: 200, body: keptAnswer.body }, 'a consent stored before it');
        assert.equal((await lookUp(again.base, String(keptAnswer.body.reference))).status, 200);

        const shared = await fetchChallenge(again.base);
        const atBeside = await signConsent(shared);
        assert.equal((await postConsent(beside.base, atBeside.jws)).status, 201, 'issued by one instance, used at the other');
        const replay = await signConsent(shared);
        for (const { base } of [again, beside]) assert.equal((await postConsent(base, replay.jws)).status, 409);
      });
    });

    describe('what the verifier refuses', () => {
      it("answers 422 with the verifier's code, and stores nothing", async () => {
        const { base } = await serve();
        const challenge = () => fetchChallenge(base);
        const good = await signed(aRecord(await challenge()));
        const [header, , signature] = good.split('.');
        const otherPayload = base64url(new TextEncoder().encode(JSON.stringify(aRecord(await challenge()))));
        const other = { ...ja, version: '2099-01-01' };
        const cases: Array<[string, string]> = [
          ['malformed', 'not.a.jws'],
          ['malformed', 'x'.repeat(9000)],
          ['bad-alg', await signed(aRecord(await challenge()), { alg: 'ES384' })],
          ['bad-signature', `${header}.${otherPayload}.${signature}`],
          ['unknown-terms', await signed(aRecord(await challenge(), { terms: { ...jaRef, version: other.version, sha256: await termsDigest(other) } }))],
          ['expired', await signed(aRecord(await challenge(), { now: new Date(Date.now() - 3600_000) }))],
          ['not-yet-valid', await signed(aRecord(await challenge(), { now: new Date(Date.now() + 3600_000) }))],
          ['malformed', await signed({ ...aRecord(await challenge()), subject: 'x'.repeat(10_000) })],
        ];
        for (const [code, jws] of cases) {
          const answer = await postConsent(base, jws);
          assert.deepEqual({ status: answer.status, code: answer.body.code }, { status: 422, code }, `expected ${code}: ${String(answer.body.message)}`);
          assert.equal(typeof answer.body.message, 'string');
        }
        assert.deepEqual(await db.consents(), []);
      });

      it('checks records against the terms given at start, and stores the document a record names', async () => {
        const en = builtInTerms.find((document) => document.locale === 'en')!;
        const { base } = await serve({ terms: [en] });
        const japanese = await postConsent(base, (await signConsent(await fetchChallenge(base))).jws);
        assert.deepEqual([japanese.status, japanese.body.code], [422, 'unknown-terms']);
        const enRef = { id: en.id, version: en.version, locale: en.locale, sha256: await termsDigest(en) };
        const english = await postConsent(base, await signed(aRecord(await fetchChallenge(base), { terms: enRef })));
        assert.equal(english.status, 201);
        const evidence = await lookUp(base, String(english.body.reference));
        assert.deepEqual(evidence.body.terms, en);
      });
    });

    describe("the operator's look-up", () => {
      it('answers the evidence with the right token: the record, its JWS, the exact terms its digest names, the reference and when', async () => {
        const clock = testClock();
        const { base } = await serve({ now: clock.now });
        const { jws, record } = await signConsent(await fetchChallenge(base));
        const stored = await postConsent(base, jws);
        const ref = String(stored.body.reference);
        const storedAt = clock.now().toISOString();
        clock.advance(5);

        const answer = await lookUp(base, ref);
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        assert.deepEqual(answer.body, { record, jws, terms: ja, reference: ref, storedAt });
        assert.equal(await termsDigest(answer.body.terms), record.terms.sha256, 'the stored terms re-digest to the record’s digest');
        // As an operator may type it on the phone: lower case, no hyphen.
        assert.deepEqual((await lookUp(base, ref.replace('-', '').toLowerCase())).body, answer.body);
      });

      it('refuses a wrong or missing token (401) before saying whether a reference exists, and answers 404 for an unknown one', async () => {
        const { base } = await serve();
        const { jws } = await signConsent(await fetchChallenge(base));
        const ref = String((await postConsent(base, jws)).body.reference);
        for (const token of [null, '', 'wrong-token-0123456789abcdef', `${operatorToken}x`, operatorToken.slice(0, -1), `${operatorToken} extra`]) {
          for (const target of [ref, 'ZZZZ-ZZZZ']) {
            const { status, body, headers } = await lookUp(base, target, token);
            assert.deepEqual({ status, code: body.code }, { status: 401, code: 'unauthorized' }, `token ${token}`);
            assert.equal(headers.get('www-authenticate'), 'Bearer');
          }
        }
        const basic = await fetch(new URL(`consents/${ref}`, base), { headers: { authorization: `Basic ${btoa(`x:${operatorToken}`)}` } }).then(json);
        assert.equal(basic.status, 401);
        for (const unknown of ['ZZZZ-ZZZZ', 'O0O0-1I1L', 'not-a-reference', '%00']) {
          const { status, body } = await lookUp(base, unknown);
          assert.deepEqual({ status, code: body.code }, { status: 404, code: 'not-found' }, unknown);
        }
      });

      it('is off (404) without an operatorToken, whatever the request carries', async () => {
        const { base } = await serve({ operatorToken: undefined });
        const { jws } = await signConsent(await fetchChallenge(base));
        const ref = String((await postConsent(base, jws)).body.reference);
        for (const token of [null, 'undefined', operatorToken]) {
          const { status, body } = await lookUp(base, ref, token);
          assert.deepEqual({ status, code: body.code }, { status: 404, code: 'not-found' });
        }
      });
    });

    describe('bad requests', () => {
      const post = (base: string, body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
        fetch(new URL('consent', base), { method: 'POST', headers, body }).then(json);

      it('answers each with a 4xx and a code, never a 5xx', async () => {
        const { base } = await serve();
        const cases: Array<[number, string, Promise<Answer>]> = [
          [415, 'unsupported-media-type', post(base, null, {})],
          [400, 'bad-request', post(base, null)],
          [400, 'bad-request', post(base, '')],
          [400, 'bad-request', post(base, '{"jws":')],
          [400, 'bad-request', post(base, new Uint8Array([0x7b, 0xff, 0x7d]))],
          [400, 'bad-request', post(base, '{}')],
          [400, 'bad-request', post(base, '[]')],
          [400, 'bad-request', post(base, 'null')],
          [400, 'bad-request', post(base, '{"jws":42}')],
          [400, 'bad-request', post(base, '"a.b.c"')],
          [415, 'unsupported-media-type', post(base, JSON.stringify({ jws: 'a.b.c' }), { 'content-type': 'text/plain' })],
          [415, 'unsupported-media-type', post(base, JSON.stringify({ jws: 'a.b.c' }), { 'content-type': 'application/x-www-form-urlencoded' })],
          [415, 'unsupported-media-type', post(base, JSON.stringify({ jws: 'a.b.c' }), { 'content-type': 'application/jsonx' })],
          [422, 'malformed', post(base, JSON.stringify({ jws: 'a.b.c' }), { 'content-type': 'Application/JSON; charset=utf-8' })],
          [413, 'body-too-large', post(base, JSON.stringify({ jws: 'a'.repeat(20_000) }))],
          [404, 'not-found', fetch(new URL('consents', base)).then(json)],
          [404, 'not-found', fetch(new URL('challenge/', base)).then(json)],
          [404, 'not-found', fetch(new URL('nothing', base)).then(json)],
          [405, 'method-not-allowed', fetch(new URL('consent', base)).then(json)],
          [405, 'method-not-allowed', fetch(new URL('challenge', base), { method: 'POST' }).then(json)],
          [405, 'method-not-allowed', fetch(new URL('consents/ABCD-EFGH', base), { method: 'DELETE' }).then(json)],
        ];
        for (const [status, code, answer] of cases) {
          const { status: got, body } = await answer;
          assert.deepEqual({ status: got, code: body.code }, { status, code });
          assert.equal(typeof body.message, 'string');
        }
        const wrongMethod = await fetch(new URL('consent', base), { method: 'PUT' });
        assert.equal(wrongMethod.headers.get('allow'), 'POST');
        // What fetch's Request cannot carry, though Node's parser passes it on.
        assert.deepEqual(await rawRequest(base, 'TRACE', 'consent'), { status: 400, code: 'bad-request' });
        for (const path of ['//', '//x/consent', 'http://127.0.0.1/api/consent?']) {
          assert.notEqual((await rawRequest(base, 'GET', path, true)).status, 500, path);
        }
        assert.deepEqual(await db.consents(), []);
      });

      it('refuses a 10 MB body by its declared length, answering before the body is sent', { timeout: 15_000 }, async () => {
        const { base } = await serve();
        const { port } = new URL(base);
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        const ended = new Promise((resolve) => socket.once('end', resolve));
        // The headers and a few bytes of a 10 MB body; the rest never comes.
        socket.write(`POST /api/consent HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 10000000\r\n\r\n{"jws":"aaaa`);
        await ended;
        assert.match(received, /^HTTP\/1\.1 413 /);
        assert.match(received, /\r\nconnection: close\r\n/i);
        assert.equal(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)).code, 'body-too-large');
        socket.destroy();

        // And a whole 10 MB body sent by fetch: the same answer, and the server keeps serving.
        const huge = await post(base, JSON.stringify({ jws: 'a'.repeat(10_000_000) }));
        assert.deepEqual([huge.status, huge.body.code], [413, 'body-too-large']);
        assert.equal((await fetch(new URL('challenge', base))).status, 200);
      });

      it('refuses a body of no declared length once it passes 16 KiB, answering while the body is still coming', { timeout: 15_000 }, async () => {
        const { base } = await serve();
        const socket = connect(Number(new URL(base).port), '127.0.0.1');
        let received = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        const ended = new Promise((resolve) => socket.once('end', resolve));
        socket.write('POST /api/consent HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        // 20 chunks of 1 KiB, and then nothing: no last chunk, so only a running limit can answer.
        for (let i = 0; i < 20; i++) socket.write(`400\r\n${(i ? 'a' : '{"jws":"').padEnd(1024, 'a')}\r\n`);
        await ended;
        assert.match(received, /^HTTP\/1\.1 413 /);
        assert.equal(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n/, '').split('\r\n')[0]!).code, 'body-too-large');
        socket.destroy();
      });

      it('answers any body with a 4xx or a stored consent, never a 5xx', async () => {
        const { base } = await serve();
        const bodies = fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json({ maxDepth: 3 }),
          fc.jsonValue({ maxDepth: 2 }).map((jws) => JSON.stringify({ jws })),
          fc.string().map((jws) => JSON.stringify({ jws })),
          fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
          fc.nat({ max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
          fc.nat({ max: 5000 }).map((depth) => `{"jws":"a.b.c","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
        );
        const types = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '');
        await fc.assert(
          fc.asyncProperty(bodies, types, async (body, type) => {
            const headers: Record<string, string> = {};
            if (type) headers['content-type'] = type;
            const { status, body: answer } = await post(base, body, headers);
            assert.ok(status >= 400 && status < 500, `${status} ${JSON.stringify(answer)}`);
            assert.equal(typeof answer.code, 'string');
          }),
          { numRuns: 150 },
        );
        assert.deepEqual(await db.consents(), []);
      });

      it('answers any path and method with a route, a 404 or a 405, never a 5xx', async () => {
        const { base } = await serve();
        const segment = fc.oneof(fc.constantFrom('challenge', 'consent', 'consents', 'ABCD-EFGH', '', '..', '%2F', '%00'), fc.webSegment());
        const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
        await fc.assert(
          fc.asyncProperty(fc.array(segment, { maxLength: 4 }), methods, async (segments, method) => {
            const response = await fetch(`${new URL(base).origin}/${segments.join('/')}`, { method });
            const text = await response.text();
            assert.ok(response.status < 500, `${method} /${segments.join('/')}: ${response.status} ${text}`);
            if (response.status >= 400 && method !== 'HEAD') assert.equal(typeof JSON.parse(text).code, 'string');
            if (response.status === 405) assert.ok(response.headers.get('allow'));
          }),
          { numRuns: 150 },
        );
      });
    });

    describe('mounting and lifetime', () => {
      it('serves fetch-style Requests through handler, under any prefix', async () => {
        const kit = await createConsentServer({ database: db.url, terms: builtInTerms, operatorToken });
        cleanups.push(() => kit.close());
        const at = (path: string, init?: RequestInit) => kit.handler(new Request(`https://portal.example.com/some/prefix/${path}`, init)).then(json);
        const { body: issued } = await at('challenge');
        const { jws, record } = await signConsent(String(issued.challenge));
        const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jws }) };
        const stored = await at('consent', init);
        assert.deepEqual([stored.status, stored.body.id], [201, record.id]);
        const again = await at('consent', init);
        assert.deepEqual([again.status, again.body], [200, stored.body]);
        const evidence = await at(`consents/${stored.body.reference}`, { headers: { authorization: `Bearer ${operatorToken}` } });
        assert.equal(evidence.body.jws, jws);
      });

      it('mounts in Express under a prefix, passing other paths on, and reads a body express.json() already took', async () => {
        const kit = await createConsentServer({ database: db.url, terms: builtInTerms });
        const app = express();
        app.use(express.json());
        app.use('/consent-api', kit.listener);
        app.use((_req, res) => void res.status(418).json({ from: 'the app' }));
        const { server, origin } = await listen(app);
        cleanups.push(() => stopListening(server).then(() => kit.close()));
        const base = `${origin}/consent-api/`;
        const { jws } = await signConsent(await fetchChallenge(base));
        const stored = await postConsent(base, jws);
        assert.equal(stored.status, 201, JSON.stringify(stored.body));
        assert.deepEqual(await fetch(new URL('elsewhere', base)).then(json).then(({ status, body }) => ({ status, body })), { status: 418, body: { from: 'the app' } });
        assert.equal((await fetch(new URL('consent', base))).status, 405, 'a route of the kit with the wrong method is answered, not passed on');
      });

      it('answers 400 at once when middleware before it read the body and left no req.body', async () => {
        const kit = await createConsentServer({ database: db.url, terms: builtInTerms });
        const drain = (req: IncomingMessage, done: () => void) => void req.on('end', done).resume();
        const app = express();
        // As a logging or signature-checking middleware might: the body read to its end, nothing kept.
        app.use((req, _res, next) => drain(req, next));
        app.use('/api', kit.listener);
        const mounted = await listen(app);
        const plain = await listen((req, res) => drain(req, () => kit.listener(req, res)));
        cleanups.push(() => Promise.all([stopListening(mounted.server), stopListening(plain.server)]).then(() => kit.close()));
        for (const origin of [mounted.origin, plain.origin]) {
          const { jws } = await signConsent(await fetchChallenge(`${origin}/api/`));
          // Without the answer, this request waited for a body that had already gone.
          const answer = await postConsent(`${origin}/api/`, jws, { timeoutMs: 5000 });
          assert.deepEqual([answer.status, answer.body.code], [400, 'bad-request'], origin);
          assert.match(String(answer.body.message), /already read/);
        }
        assert.deepEqual(await db.consents(), []);
      });

      it('finishes requests in progress on close, answers new ones 503, and releases the database', async () => {
        const kit = await createConsentServer({ database: db.url, terms: builtInTerms });
        const challenge = JSON.parse(await (await kit.handler(new Request('http://localhost/challenge'))).text()).challenge as string;
        const { jws, record } = await signConsent(challenge);
        let send!: ReadableStreamDefaultController<Uint8Array>;
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = controller) });
        const inProgress = kit.handler(
          new Request('http://localhost/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit),
        );
        const closed = kit.close();
        const refused = await json(await kit.handler(new Request('http://localhost/challenge')));
        assert.deepEqual([refused.status, refused.body.code], [503, 'storage-unavailable']);
        send.enqueue(new TextEncoder().encode(JSON.stringify({ jws })));
        send.close();
        const stored = await json(await inProgress);
        assert.deepEqual([stored.status, stored.body.id], [201, record.id]);
        await closed;
        assert.deepEqual((await db.consents()).map(({ id }) => id), [record.id]);
        await kit.close();
        assert.equal((await kit.handler(new Request('http://localhost/challenge'))).status, 503);
        assert.deepEqual(await connections(db.url), [], 'no connection is left open');
      });

      it('closes within its grace while a client never finishes its body, answering that request 503', { timeout: 20_000 }, async () => {
        const kit = await createConsentServer({ database: db.url, terms: builtInTerms });
        const challenge = JSON.parse(await (await kit.handler(new Request('http://localhost/challenge'))).text()).challenge as string;
        const { jws } = await signConsent(challenge);
        let send!: ReadableStreamDefaultController<Uint8Array>;
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = controller) });
        const stalled = kit.handler(
          new Request('http://localhost/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit),
        );
        const started = Date.now();
        await kit.close();
        const waited = Date.now() - started;
        assert.ok(waited >= 4000 && waited < 10_000, `close() waited ${waited} ms`);
        assert.deepEqual(await connections(db.url), [], 'the database is released');
        send.enqueue(new TextEncoder().encode(JSON.stringify({ jws })));
        send.close();
        const late = await json(await stalled);
        assert.deepEqual([late.status, late.body.code], [503, 'storage-unavailable']);
        assert.deepEqual(await db.consents(), []);
      });

      it('opens and closes many times on one database, leaving nothing open', async () => {
        for (let round = 0; round < 15; round++) {
          const kit = await createConsentServer({ database: db.url, terms: builtInTerms });
          assert.equal((await kit.handler(new Request('http://localhost/challenge'))).status, 200);
          await kit.close();
        }
        assert.deepEqual(await connections(db.url), []);
      });

      it('answers 503 storage-unavailable while the database fails, stays up, and stores again once it is back', async () => {
        const { base } = await serve();
        const { jws } = await signConsent(await fetchChallenge(base));
        await onDatabase(db.url, 'ALTER TABLE consents RENAME TO consents_away');
        const failed = await fetch(new URL('consent', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jws }) }).then(json);
        assert.deepEqual([failed.status, failed.body.code], [503, 'storage-unavailable']);
        assert.equal(failed.headers.get('retry-after'), '5');
        // A failed COMMIT may have committed: the answer never says nothing was stored, and says how to find out.
        assert.match(String(failed.body.message), /may or may not have been stored: retry the same JWS/);
        await onDatabase(db.url, 'ALTER TABLE consents_away RENAME TO consents');
        assert.equal((await postConsent(base, jws)).status, 201, 'the same JWS, once the database is back');
      });
    });
  });
}

/** A request through Node's own client, which sends what fetch refuses to (TRACE, odd request targets). */
function rawRequest(base: string, method: string, path: string, verbatim = false): Promise<{ status: number; code: unknown }> {
  const { hostname, port, pathname } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, method, path: verbatim ? path : `${pathname}${path}` }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, code: JSON.parse(text).code }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The kit's connections still open on a database: SQLite's WAL file (removed when the last one
 * closes), PostgreSQL's sessions (a closed one leaves pg_stat_activity a moment later, so it waits).
 */
async function connections(url: string): Promise<unknown[]> {
  if (url.startsWith('sqlite:')) return existsSync(`${url.slice('sqlite:'.length)}-wal`) ? ['a WAL file'] : [];
  const name = new URL(url).pathname.slice(1);
  let open: unknown[] = [];
  for (let tries = 0; tries < 20; tries++) {
    open = await onDatabase(url, `SELECT pid FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'remote-support-consent'`);
    if (!open.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return open;
}

describe('createConsentServer: options it cannot use', () => {
  const terms = builtInTerms;
  it('rejects each with a TypeError before opening anything', async () => {
    const cases: Array<[string, Partial<ConsentServerOptions>]> = [
      ['a database URL of another kind', { database: 'mysql://localhost/x' }],
      ['an empty SQLite path', { database: 'sqlite:' }],
      ['no terms', { terms: [] }],
      ['terms that are not an array', { terms: 'ja' as unknown as unknown[] }],
      ['a terms entry that is not a document', { terms: [ja, 'ja'] }],
      ['a terms entry that is not JSON', { terms: [{ ...ja, extra: () => 1 }] }],
      ['a short operator token', { operatorToken: 'secret' }],
      ['an empty operator token', { operatorToken: '' }],
      ['a challenge lifetime of 0', { challengeTtlSeconds: 0 }],
      ['a fractional challenge lifetime', { challengeTtlSeconds: 1.5 }],
      ['a challenge lifetime past any expiry a challenge can hold', { challengeTtlSeconds: 1e300 }],
      ['a challenge lifetime past a safe integer', { challengeTtlSeconds: 2 ** 53 }],
      ['a challenge lifetime of a year and a second', { challengeTtlSeconds: 31_536_001 }],
      ['an infinite challenge lifetime', { challengeTtlSeconds: Infinity }],
      ['a clock that is no function', { now: new Date() as unknown as () => Date }],
      ['keys: null', { keys: null as unknown as undefined }],
      ['a maxAgeSeconds that is not a number', { maxAgeSeconds: Number.NaN }],
    ];
    for (const [what, options] of cases) {
      await assert.rejects(createConsentServer({ database: 'sqlite:/nonexistent/never-opened.db', terms, ...options }), TypeError, what);
    }
  });

  it('rejects with ConsentServerError storage-unavailable when the database cannot be opened', async () => {
    for (const database of ['sqlite:/nonexistent-directory/consents.db', 'postgres://postgres@127.0.0.1:1/none']) {
      await assert.rejects(createConsentServer({ database, terms }), (error: unknown) => {
        assert.ok(error instanceof ConsentServerError, String(error));
        assert.equal(error.code, 'storage-unavailable');
        return true;
      });
    }
  });
});
