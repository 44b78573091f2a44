import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { base64url } from '../../src/base64url.js';
import { main } from '../../src/cli/main.js';
import { ecdsa, signCompact, type PublicJwk } from '../../src/consent/jws.js';
import { createRecord, type ConsentRecord } from '../../src/consent/record.js';
import { signRecord } from '../../src/consent/sign.js';
import { parseTerms } from '../../src/terms/fetch.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';

// The command line as a vendor runs it, with real files in a scratch folder: `cli` starts a process
// (from the source through tsx, so no build is needed), proving the exit codes and streams; `run`
// calls the same `main` in this process, for the many further cases a process each would make slow.
const entry = resolve('src/cli/index.ts');
const dir = mkdtempSync(join(tmpdir(), 'rsc-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (as JSON, unless text or bytes) to a fresh file in the scratch folder. */
function file(content: unknown, name = `file-${++files}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2));
  return path;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

async function run(...args: string[]): Promise<Run> {
  const { exitCode, stdout, stderr } = await main(args);
  return { status: exitCode, stdout, stderr };
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail).on('close', (status) => done({ status, stdout, stderr }));
  });
}

const program = 'remote-support-consent';

/** Exit 1, nothing on stdout, and exactly one line on stderr, which matches `reason`. */
function failsWithOneLine(result: Run, reason: RegExp): void {
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^remote-support-consent: [^\n]+\n$/, 'one line');
  assert.match(result.stderr, reason);
}

/** A usage error: exit 1, the reason, then the usage line. */
function failsWithUsage(result: Run, reason: RegExp): void {
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n');
  assert.equal(lines.length, 3, result.stderr);
  assert.match(lines[0]!, reason);
  assert.match(lines[1]!, new RegExp(`^usage: ${program} `));
}

const ja = builtInTerms.find((document) => document.locale === 'ja')!;
const jaFile = resolve('src/terms/documents/remote-connect-support.2025-04-01.ja.json');
const goodTerms = {
  id: 'vendor-remote-support',
  version: '2026-01',
  locale: 'en',
  title: 'Remote support terms',
  effectiveDate: '2026-01-01',
  clauses: ['We look at your screen only while you let us.'],
};
const threeDaysAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
const never = { signal: new AbortController().signal, timeoutMs: 5000 };

async function refOf(document: { id: string; version: string; locale: string }) {
  return { id: document.id, version: document.version, locale: document.locale, sha256: await termsDigest(document) };
}

/** A record as the element makes it, three days old: far past the verifier's default age. */
async function oldRecord(extra: Partial<Parameters<typeof createRecord>[0]> = {}): Promise<ConsentRecord> {
  return createRecord({ terms: await refOf(ja), origin: 'https://portal.example.com', nonce: 'challenge-1', subject: 'contract 42', now: threeDaysAgo, ...extra });
}

/** Signed with the device key, as the element signs without `sign-url`. */
const deviceSigned = async (record: ConsentRecord) => (await signRecord(record, '', never)).jws;

describe('terms digest and terms integrity', { concurrency: true }, () => {
  it('print the digest of the built-in Japanese document, as termsDigest computes it', async () => {
    const sha256 = await termsDigest(ja);
    assert.deepEqual(await cli('terms', 'digest', jaFile), { status: 0, stdout: `${sha256}\n`, stderr: '' });
    assert.deepEqual(await cli('terms', 'integrity', jaFile), { status: 0, stdout: `sha256-${sha256}\n`, stderr: '' });
  });

  it('digest the document as parsed: layout and member order do not matter', async () => {
    const shuffled = Object.fromEntries(Object.entries(JSON.parse(readFileSync(jaFile, 'utf8'))).reverse());
    const path = file(`\uFEFF${JSON.stringify(shuffled)}`);
    assert.deepEqual(await run('terms', 'digest', path), { status: 0, stdout: `${await termsDigest(ja)}\n`, stderr: '' });
  });

  it('print nothing for a document the element would refuse, and say why', async () => {
    const result = await cli('terms', 'integrity', file({ ...goodTerms, clauses: [] }));
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^remote-support-consent: .+: clauses: needs at least 1 item\n$/);
  });
});

describe('terms check', { concurrency: true }, () => {
  it('passes a good document', async () => {
    const path = file(goodTerms);
    const result = await cli('terms', 'check', path);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${path}: a valid terms document (vendor-remote-support 2026-01 en, sha256-${await termsDigest(goodTerms)})\n`);
    assert.equal(result.stderr, '');
    assert.equal((await run('terms', 'check', jaFile)).status, 0);
  });

  it('lists each problem on a line of its own', async () => {
    const { clauses: _, ...noClauses } = goodTerms;
    const path = file({ ...noClauses, title: '', extra: true });
    const result = await cli('terms', 'check', path);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.split('\n'), [
      `${program}: ${path}: title: must not be empty`,
      `${program}: ${path}: clauses: missing (required)`,
      `${program}: ${path}: extra: not a member of a terms document (the members are $schema, id, version, locale, title, effectiveDate, preamble, clauses, closing)`,
      '',
    ]);
  });

  it('names wrong types, bad formats and items by their place', async () => {
    const path = file({ ...goodTerms, id: 'Vendor Terms', effectiveDate: '2026-02-30', preamble: 'text', clauses: ['ok', 7] });
    const result = await run('terms', 'check', path);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stderr.split('\n'), [
      `${program}: ${path}: id: must match /^[a-z0-9][a-z0-9-]*$/`,
      `${program}: ${path}: effectiveDate: must be a real date, YYYY-MM-DD`,
      `${program}: ${path}: preamble: must be an array, not a string`,
      `${program}: ${path}: clauses[1]: must be a string, not a number`,
      '',
    ]);
  });

  it('refuses a document whose digest is not well defined: a repeated member, a lone surrogate', async () => {
    const repeated = await run('terms', 'check', file(JSON.stringify(goodTerms).replace('{', '{"title":"Other terms",')));
    failsWithOneLine(repeated, /repeats the member name "title"/);
    const surrogate = await run('terms', 'check', file(JSON.stringify(goodTerms).replace('"Remote', '"\\ud800Remote')));
    failsWithOneLine(surrogate, /has no digest \(JCS: lone surrogate/);
  });

  it('says in one line when the file is not JSON, not UTF-8, missing, or a folder', async () => {
    failsWithOneLine(await run('terms', 'check', file('{"id": ')), /: not JSON \(/);
    failsWithOneLine(await cli('terms', 'digest', join(dir, 'missing.json')), /missing\.json: no such file$/m);
    failsWithOneLine(await run('terms', 'digest', dir), /: is a directory, not a file$/m);
    failsWithOneLine(await run('terms', 'digest', file(new Uint8Array([0x7b, 0xff, 0x7d]))), /: not UTF-8 text$/m);
  });

  it('agrees with the element on every document: exit 0 exactly when it would show it and sign a consent to it', async () => {
    const text = fc.oneof(
      { arbitrary: fc.string({ minLength: 1, maxLength: 20 }), weight: 8 },
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('', 'v'.repeat(65), 'ja\u0007', '\ud800', 'a\udfffb', '2026-01-01', '2026-02-30', 'Vendor Terms'),
    );
    const anything = fc.oneof(text, fc.integer(), fc.constant(null), fc.array(text, { maxLength: 2 }));
    /** Mostly a value of the right kind, sometimes anything at all. */
    const mostly = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: anything, weight: 1 });
    const fields = fc.record(
      {
        $schema: text,
        id: mostly(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,70}$/)),
        version: mostly(text),
        locale: mostly(text),
        title: mostly(text),
        effectiveDate: mostly(fc.constantFrom('2026-01-01', '2024-02-29', '2026-02-30', '26-1-1')),
        preamble: mostly(fc.array(text, { maxLength: 2 })),
        clauses: mostly(fc.array(text, { minLength: 1, maxLength: 3 })),
        closing: text,
      },
      { requiredKeys: ['id', 'version', 'locale', 'title', 'clauses'] },
    );
    const documents = fc
      .tuple(fields, fc.option(anything, { freq: 6 }))
      .map(([document, extra]) => (extra === null ? document : { ...document, extra }) as Record<string, unknown>);
    // What a consent record may carry (1 to 64 characters of plain text), and what has a canonical JSON form.
    const fitsRecord = (value: unknown) => typeof value === 'string' && /^[^\u0000-\u001f\u007f-\u009f]{1,64}$/.test(value) && !/\p{Cs}/u.test(value);
    const loneSurrogateIn = (value: unknown): boolean =>
      typeof value === 'string' ? /\p{Cs}/u.test(value) : !!value && typeof value === 'object' && Object.entries(value).some(([key, member]) => loneSurrogateIn(key) || loneSurrogateIn(member));
    const path = join(dir, 'generated.json');
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(documents, async (document) => {
        writeFileSync(path, JSON.stringify(document));
        let shown = true;
        try {
          parseTerms(JSON.stringify(document), path);
        } catch {
          shown = false;
        }
        const signable = shown && [document.id, document.version, document.locale].every(fitsRecord) && !loneSurrogateIn(document);
        const outcome = await main(['terms', 'check', path]);
        assert.equal(outcome.exitCode, signable ? 0 : 1, outcome.stderr);
        if (signable) return void accepted++;
        assert.equal(outcome.code, 'terms-invalid');
        for (const line of outcome.stderr.trimEnd().split('\n')) assert.ok(line.startsWith(`${program}: ${path}: `), line);
      }),
      { numRuns: 300 },
    );
    assert.ok(accepted > 10, `only ${accepted} generated documents were good: the generator must make both kinds`);
  });

  it('refuses what no consent record can carry', async () => {
    const path = file({ ...goodTerms, version: 'v'.repeat(65), locale: 'en\u0007' });
    const result = await run('terms', 'check', path);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stderr.split('\n'), [
      `${program}: ${path}: version: cannot go into a consent record: at most 64 characters of plain text`,
      `${program}: ${path}: locale: cannot go into a consent record: at most 64 characters of plain text`,
      '',
    ]);
  });
});

describe('verify', { concurrency: true }, () => {
  it('verifies a JWS long past its age, as of its own iat, and prints the record', async () => {
    const record = await oldRecord();
    const jws = await deviceSigned(record);
    await assert.rejects(verifyConsent(jws, { terms: builtInTerms }), (error: ConsentVerificationError) => error.code === 'expired');
    const result = await cli('verify', file(`\n  ${jws}  \n`, 'consent.jws'));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(JSON.parse(result.stdout), record);
  });

  it('refuses a tampered JWS, naming the verifier\'s code', async () => {
    const jws = await deviceSigned(await oldRecord());
    const other = await deviceSigned(await oldRecord({ subject: 'contract 43' }));
    const [header, , signature] = jws.split('.');
    const swapped = `${header}.${other.split('.')[1]}.${signature}`;
    failsWithOneLine(await cli('verify', file(swapped, 'tampered.jws')), /tampered\.jws: not verified: bad-signature: /);
    const edited = `${header}.${base64url(new TextEncoder().encode(JSON.stringify({ ...(await oldRecord()), origin: 'https://evil.example' })))}.${signature}`;
    failsWithOneLine(await run('verify', file(edited, 'edited.jws')), /not verified: bad-signature: /);
    failsWithOneLine(await run('verify', file('not a jws')), /not verified: malformed: /);
  });

  it('checks --nonce', async () => {
    const path = file(await deviceSigned(await oldRecord()), 'nonce.jws');
    assert.equal((await run('verify', path, '--nonce', 'challenge-1')).status, 0);
    failsWithOneLine(await cli('verify', path, '--nonce', 'challenge-2'), /not verified: nonce-mismatch: /);
    const unchallenged = file(await deviceSigned(await oldRecord({ nonce: undefined })), 'unchallenged.jws');
    failsWithOneLine(await run('verify', unchallenged, '--nonce', 'challenge-1'), /not verified: nonce-mismatch: the record carries no nonce/);
  });

  it('accepts the built-in terms, and a vendor document only when given with --terms', async () => {
    const vendor = await oldRecord({ terms: await refOf(goodTerms) });
    const path = file(await deviceSigned(vendor), 'vendor.jws');
    failsWithOneLine(await cli('verify', path), /not verified: unknown-terms: /);
    const result = await cli('verify', path, '--terms', file({ ...goodTerms, clauses: ['Another text.'] }), '--terms', file(goodTerms));
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), vendor);
    const bad = await run('verify', path, '--terms', file({ ...goodTerms, title: '' }));
    failsWithOneLine(bad, /: title: must not be empty$/m);
  });

  /** A fresh P-256 key pair and its public JWK. */
  async function serverKey() {
    const pair = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
    const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
    return { privateKey: pair.privateKey, jwk: { kty, crv, x, y } };
  }

  it('with --keys, trusts only the sign-url server\'s keys', async () => {
    const [server, retired, stranger] = await Promise.all([serverKey(), serverKey(), serverKey()]);
    const record = await oldRecord();
    const jws = await signCompact({ alg: 'ES256', kid: 'server-1' }, JSON.stringify(record), server.privateKey);
    const path = file(jws, 'server-signed.jws');
    const keySet = file({ keys: [{ ...retired.jwk, kid: 'server-0' }, { ...server.jwk, kid: 'server-1' }] });
    const result = await cli('verify', path, '--keys', keySet);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), record);
    assert.equal((await run('verify', path, '--keys', file({ ...server.jwk, kid: 'server-1' }))).status, 0, 'one JWK');

    failsWithOneLine(await run('verify', path, '--keys', file({ ...stranger.jwk, kid: 'server-1' })), /not verified: bad-signature: /);
    failsWithOneLine(await run('verify', path), /not verified: bad-signature: /);
    // A device-signed JWS carries its own key, which --keys does not trust.
    failsWithOneLine(await run('verify', file(await deviceSigned(record)), '--keys', keySet), /not verified: bad-signature: /);
  });

  it('names a --keys file that cannot be right', async () => {
    const path = file(await deviceSigned(await oldRecord()));
    const pair = (await crypto.subtle.generateKey(ecdsa, true, ['sign'])) as CryptoKeyPair;
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const { jwk } = await serverKey();
    // Each key is judged by the verifier, whose TypeError names the key and what is wrong with it.
    failsWithOneLine(await run('verify', path, '--keys', file(privateJwk)), /: not usable as --keys \(.*keys\[0\] is a private key \(member "d"\)/);
    failsWithOneLine(
      await run('verify', path, '--keys', file({ keys: [jwk, { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'rsa' }] })),
      /: not usable as --keys \(.*keys\[1\] is not a P-256 key/,
    );
    failsWithOneLine(await run('verify', path, '--keys', file({ ...jwk, x: `${jwk.x}=` })), /: not usable as --keys \(.*keys\[0\] has an x or y that is not 32 bytes/);
    failsWithOneLine(await run('verify', path, '--keys', file({ keys: [] })), /: holds no key$/m);
    failsWithOneLine(await run('verify', path, '--keys', file([jwk])), /not a JWK or a JWK Set/);
    failsWithOneLine(await run('verify', path, '--keys', file('-----BEGIN PUBLIC KEY-----')), /: not JSON/);
  });
});

describe('verify: evidence files', { concurrency: true }, () => {
  /** The operator look-up's answer for a consent. */
  async function evidence(record: ConsentRecord, terms: unknown = ja) {
    return { record, jws: await deviceSigned(record), terms, reference: 'K7QM-4TXC', storedAt: threeDaysAgo.toISOString() };
  }

  it('verifies the look-up\'s answer and prints the record', async () => {
    const record = await oldRecord();
    const result = await cli('verify', file(await evidence(record)), '--nonce', 'challenge-1');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), record);
  });

  it('accepts the vendor document the evidence carries, with no --terms', async () => {
    const record = await oldRecord({ terms: await refOf(goodTerms) });
    const result = await run('verify', file(await evidence(record, goodTerms)));
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), record);
  });

  it('refuses evidence whose terms document was altered', async () => {
    const altered = { ...ja, clauses: [...ja.clauses.slice(0, -1), '(a clause the customer never saw)'] };
    failsWithOneLine(await cli('verify', file(await evidence(await oldRecord(), altered))), /the evidence's terms document is not the one the record names/);
    // Another built-in document is not the one the record names either.
    const en = builtInTerms.find((document) => document.locale === 'en')!;
    failsWithOneLine(await run('verify', file(await evidence(await oldRecord(), en))), /the evidence's terms document is not the one the record names/);
    // A vendor document altered: no accepted document has the record's digest.
    const record = await oldRecord({ terms: await refOf(goodTerms) });
    failsWithOneLine(await run('verify', file(await evidence(record, { ...goodTerms, title: 'Other terms' }))), /not verified: unknown-terms: /);
  });

  it('refuses evidence whose record is not the one signed', async () => {
    const signed = await evidence(await oldRecord());
    failsWithOneLine(await run('verify', file({ ...signed, record: { ...signed.record, subject: 'contract 99' } })), /the evidence's record is not the record the JWS signs/);
    failsWithOneLine(await run('verify', file({ ...signed, record: { ...signed.record, extra: 1 } })), /the evidence's record is not the record the JWS signs/);
  });

  it('says what an evidence file lacks', async () => {
    const { jws: _, ...noJws } = await evidence(await oldRecord());
    failsWithOneLine(await run('verify', file(noJws)), /not an evidence file .*: no jws \(a string\)$/m);
    failsWithOneLine(await run('verify', file('{"jws": "a.b.c",')), /starts like an evidence file but is not JSON/);
  });
});

describe('arguments', { concurrency: true }, () => {
  it('prints the usage for --help', async () => {
    for (const help of [await cli('--help'), await run('-h'), await run('verify', '--help')]) {
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage:$/m);
      assert.match(help.stdout, /terms integrity <file>/);
      assert.match(help.stdout, /verify <file> \[--terms <file>\]\.\.\. \[--nonce <challenge>\] \[--keys <file>\]/);
      assert.equal(help.stderr, '');
    }
  });

  it('answers a bad command line with the reason and a usage line', async () => {
    failsWithUsage(await cli(), /: no command$/);
    failsWithUsage(await run('sign', 'x'), /: unknown command "sign"$/);
    failsWithUsage(await run('terms'), /: terms: which of digest, integrity or check\?$/);
    failsWithUsage(await run('terms', 'hash', jaFile), /: terms: unknown action "hash"$/);
    failsWithUsage(await run('terms', 'digest'), /: terms digest: which file\?$/);
    failsWithUsage(await run('terms', 'digest', jaFile, jaFile), /: terms digest: one file only/);
    failsWithUsage(await run('terms', 'check', jaFile, '--nonce', 'n'), /: terms check: takes no --nonce$/);
    failsWithUsage(await run('verify'), /: verify: which file\?$/);
    failsWithUsage(await run('verify', 'a.jws', 'b.json'), /: verify: one file only/);
    failsWithUsage(await run('verify', 'a.jws', '--nonce'), /--nonce/);
    failsWithUsage(await run('verify', 'a.jws', '--nonce', 'a', '--nonce', 'b'), /: verify: --nonce given 2 times$/);
    failsWithUsage(await run('verify', 'a.jws', '--nonce='), /: verify: --nonce is empty$/);
    failsWithUsage(await run('verify', 'a.jws', '--frob'), /--frob/);
  });

  it('keeps a reason to one line whatever the file name', async () => {
    failsWithOneLine(await cli('verify', join(dir, 'two\nlines.jws')), /two\\u000alines\.jws: no such file$/m);
  });
});

describe('verify: hostile files', () => {
  it('answers every file with exit 1 and one line, never a crash', async () => {
    const segment = fc.oneof(fc.base64String(), fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/));
    const json = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
    const nested = fc.integer({ min: 1, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
    const header = fc.oneof(
      fc.jsonValue().map(json),
      nested.map((alg) => base64url(new TextEncoder().encode(`{"alg":${alg}}`))),
      fc.record({ alg: fc.constantFrom('ES256', 'none', 'HS256'), jwk: fc.jsonValue(), kid: fc.jsonValue() }).map(json),
    );
    const payload = fc.oneof(
      fc.jsonValue().map(json),
      fc.record({ v: fc.constant(1), iat: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300), fc.string()), terms: fc.jsonValue() }).map(json),
    );
    const token = fc.oneof(fc.tuple(header, payload, segment).map((parts) => parts.join('.')), fc.array(segment, { maxLength: 5 }).map((parts) => parts.join('.')), fc.string());
    const contents = fc.oneof(
      token,
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ jws: token, record: fc.jsonValue(), terms: fc.jsonValue() }).map((value) => JSON.stringify(value)),
    );
    const path = join(dir, 'hostile');
    await fc.assert(
      fc.asyncProperty(contents, async (text) => {
        writeFileSync(path, text);
        const outcome = await main(['verify', path]);
        assert.equal(outcome.exitCode, 1);
        assert.equal(outcome.stdout, '');
        assert.match(outcome.stderr, /^remote-support-consent: [^\n]+\n$/);
        assert.notEqual(outcome.code, 'unexpected', outcome.stderr);
      }),
      { numRuns: 300 },
    );
  });
});
