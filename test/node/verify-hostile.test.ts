// Whatever the token, verifyConsent settles, promptly, with the record or a ConsentVerificationError
// whose code is documented: never a RangeError or TypeError from the token, never a hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exportJWK, generateKeyPair } from 'jose';
import { ecdsa } from '../../src/consent/jws.js';
import { ConsentVerificationError, verifyConsent, type VerifyOptions } from '../../src/verify/index.js';
import { hostileTokens, worstCases } from '../hostile-tokens.js';
import { aRecord, deviceSign, now, rejects, terms, verificationCodes } from './verify-fixtures.js';

/** Far above what any token takes (under a millisecond to a few), far below a hung request. */
const settleWithinMs = 2000;

/** What a token comes to, within the bound: a ConsentVerificationError's code, or a failure message. */
async function refusal(token: unknown, options: VerifyOptions): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`still pending after ${settleWithinMs} ms`), settleWithinMs);
  });
  const settled = verifyConsent(token as string, options).then(
    () => 'accepted',
    (error: unknown) => (error instanceof ConsentVerificationError ? error.code : `threw ${String(error)}`),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

const serverKeys = (async () => {
  const { publicKey } = await generateKeyPair('ES256');
  return [{ ...(await exportJWK(publicKey)), kid: 'server-2026' }];
})();

/** The ways a server calls the verifier: trusting the header's key, or its own keys; with a nonce or without. */
const callers = async (): Promise<Array<[string, VerifyOptions]>> => [
  ['header key', { terms, now }],
  ['header key and nonce', { terms, now, nonce: 'challenge-1' }],
  ['server keys', { terms, now, keys: await serverKeys }],
];

describe('verifyConsent: hostile tokens', () => {
  for (const { name, token } of worstCases) {
    it(`refuses ${name} with a documented code`, async () => {
      for (const [caller, options] of await callers()) {
        const result = await refusal(token, options);
        assert.ok(verificationCodes.includes(result as never), `${caller}: ${result}`);
      }
    });
  }

  it('reads a token of 8192 characters, and refuses one of 8193 as malformed however well signed', async () => {
    /** A valid token of exactly `length` characters, grown by an unused header member and the subject. */
    async function ofLength(length: number) {
      const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
      for (const subject of ['a', 'ab', 'abc']) {
        const record = await aRecord({ subject });
        // Each character of the member adds 4/3 of a character to the token.
        const bare = (await deviceSign(record, pair, { pad: '' })).length;
        const estimate = Math.floor(((length - bare) * 3) / 4);
        for (let pad = estimate - 3; pad <= estimate + 3; pad++) {
          const jws = await deviceSign(record, pair, { pad: 'x'.repeat(pad) });
          if (jws.length === length) return { jws, record };
        }
      }
      throw new Error(`no token of ${length} characters`);
    }
    const longest = await ofLength(8192);
    assert.deepEqual(await verifyConsent(longest.jws, { terms, now }), longest.record);
    await rejects(verifyConsent((await ofLength(8193)).jws, { terms, now }), 'malformed');
  });

  it('names what it refused by type and size in the message, never by its value', async () => {
    const deep = worstCases.find(({ name }) => name.startsWith('alg an array nested as deep'))!.token;
    await assert.rejects(verifyConsent(deep, { terms, now }), (error: ConsentVerificationError) => {
      assert.equal(error.code, 'bad-alg');
      assert.ok(error.message.length < 200 && !error.message.includes('[['), error.message);
      return true;
    });
  });

  it('settles every generated hostile token with a documented code, promptly', async () => {
    const options = await callers();
    await fc.assert(
      fc.asyncProperty(hostileTokens(), fc.constantFrom(...options), async (token, [caller, settings]) => {
        const result = await refusal(token, settings);
        assert.ok(verificationCodes.includes(result as never), `${caller}, a token of ${token.length} characters: ${result}`);
      }),
      { numRuns: 600 },
    );
  });

  it('refuses any value that is not a string as malformed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything().filter((value) => typeof value !== 'string'),
        async (token) => assert.equal(await refusal(token, { terms, now }), 'malformed'),
      ),
      { numRuns: 200 },
    );
  });

  it('refuses the worst cases with little stack left, as in a server deep in its middleware', () => {
    // A tenth of Node's default stack: the old error message ran JSON.stringify over a deep alg
    // array and overflowed it; nothing in the verifier may recurse over what a token holds.
    const script = `
      import { worstCases } from './test/hostile-tokens.ts';
      import { verifyConsent } from './src/verify/index.ts';
      import { builtInTerms } from './src/terms/index.ts';
      const keys = [{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }];
      const results = [];
      for (const { name, token } of worstCases) {
        for (const options of [{ terms: builtInTerms }, { terms: builtInTerms, keys }]) {
          results.push(await verifyConsent(token, options).then(() => name + ': accepted', (error) => error.code ?? name + ': ' + error));
        }
      }
      console.log(JSON.stringify(results));
    `;
    const child = spawnSync(process.execPath, ['--stack-size=120', '--import', 'tsx', '--input-type=module', '--eval', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const results = JSON.parse(child.stdout) as string[];
    assert.equal(results.length, worstCases.length * 2);
    for (const result of results) assert.ok(verificationCodes.includes(result as never), result);
  });
});

describe('verifyConsent: the last guard', () => {
  it('refuses a token as malformed when a check throws something unforeseen, keeping it as the cause', async () => {
    // A terms document whose id getter throws stands for any bug a token might reach.
    const surprise = new Error('unforeseen');
    const document = {
      get id(): string {
        throw surprise;
      },
    };
    const jws = await deviceSign(await aRecord());
    await assert.rejects(verifyConsent(jws, { terms: [document], now }), (error: ConsentVerificationError) => {
      assert.ok(error instanceof ConsentVerificationError);
      assert.equal(error.code, 'malformed');
      assert.equal(error.cause, surprise);
      return true;
    });
  });
});
