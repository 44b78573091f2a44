// Tokens an attacker may send to a vendor's consent endpoint, for the verifier's tests and the server
// kit's: deep nesting and huge members in the header and the record, odd encodings, wrong shapes,
// and records signed with a real key, so they pass the signature check and meet the record schema.
// None of them is a consent any server may accept: every signed record names a terms digest no
// document has, besides what else is wrong with it.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { maxJwsLength } from '../src/consent/jws-read.js';

/** Any UTF-16 string, lone surrogates and controls included (fast-check's 'binary' unit costs seconds to set up). */
const anyText = (maxLength: number) => fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength }).map((units) => String.fromCharCode(...units));
const encode = (bytes: string | Uint8Array) => Buffer.from(bytes).toString('base64url');

const keyPair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y } = keyPair.publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string; y: string };
/** RFC 7638 thumbprint over the members exactly as spelt, as a lenient verifier would compute it. */
const thumbprintOf = (jwk: { crv: unknown; kty: unknown; x: unknown; y: unknown }) =>
  createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
const jwk = { kty, crv, x, y };
const header = { alg: 'ES256', jwk, kid: thumbprintOf(jwk) };

/** A compact JWS over exactly these header and payload bytes (a string is taken as UTF-8), validly signed with ES256. */
export function signedToken(payload: string | Uint8Array, headerText: string | Uint8Array = JSON.stringify(header)): string {
  const input = `${encode(headerText)}.${encode(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: keyPair.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** A compact JWS with these parts and a signature that is only the right length. */
const unsignedToken = (headerText: string | Uint8Array, payload: string | Uint8Array) => `${encode(headerText)}.${encode(payload)}.${'A'.repeat(86)}`;

/** Everything a record needs, under a digest of no terms document. */
const record = {
  v: 1,
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  iat: 1764000000,
  terms: { id: 'remote-connect-support', version: '2025-04-01', locale: 'ja', sha256: 'A'.repeat(43) },
  origin: 'https://portal.example.com',
  redirect: 'https://optim.co.jp/support',
  nonce: 'challenge-1',
  subject: 'contract 42',
};

/** JSON text of `value` with the member at `path` (dot-separated) spelt as `memberText`, or added when absent. */
function withMember(value: object, path: string, memberText: string): string {
  const hole = '\u0000hole';
  const copy = structuredClone(value) as Record<string, unknown>;
  const names = path.split('.');
  const last = names.pop()!;
  let target = copy;
  for (const name of names) target = target[name] as Record<string, unknown>;
  target[last] = hole;
  return JSON.stringify(copy).replace(JSON.stringify(hole), () => memberText);
}

/** JSON text of arrays, or objects, nested `depth` deep. */
const nested = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;

/** Arrays or objects nested within the verifier's length bound, and far past it (5,000 deep once overflowed the stack). */
const deepValue: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 4000 }), fc.constantFrom(4096, 5000, 8192, 20000), fc.integer({ min: 4000, max: 25000 })),
    fc.constantFrom('array' as const, 'object' as const),
  )
  .map(([depth, kind]) => nested(depth, kind));

/** Member values no record or header field may hold, as JSON text. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  deepValue,
  fc.integer({ min: 257, max: 12000 }).map((length) => JSON.stringify('a'.repeat(length))),
  fc.constantFrom(
    '1e999',
    '-1e999',
    '-0',
    '1e20',
    '9007199254740993',
    '-1',
    '0.5',
    'null',
    'true',
    '{}',
    '[]',
    '""',
    '"\\ud800"',
    '"a\\udc00b"',
    '"\\ud83d\\ud83d"',
    '"\\u0000"',
    '"a\\u001fb"',
    '"\\u007f"',
    '"\\u0085"',
    '"line\\nbreak"',
    '"\\u0000'.padEnd(300, 'x') + '"',
  ),
  anyText(40).map((text) => JSON.stringify(text)),
);

const recordPaths = ['v', 'id', 'iat', 'terms', 'terms.id', 'terms.version', 'terms.locale', 'terms.sha256', 'origin', 'redirect', 'nonce', 'subject', 'extra'];
const headerPaths = ['alg', 'kid', 'jwk', 'jwk.kty', 'jwk.crv', 'jwk.x', 'jwk.y', 'crit', 'extra'];

/** Record texts the schema refuses (or, at worst, whose terms no server accepts). */
const hostileRecordText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...recordPaths), hostileValue).map(([path, value]) => withMember(record, path, value)),
  // A repeated name, read one way by JSON.parse and another by parsers that keep the first.
  fc.constantFrom('nonce', 'subject', 'origin').map((name) => JSON.stringify(record).replace('{', `{${JSON.stringify(name)}:"attacker",`)),
  hostileValue,
);

/** The header's key spelt otherwise: the same key to a lenient decoder, with a `kid` of its own. */
const otherSpellings: fc.Arbitrary<string> = fc.constantFrom(
  `${x}=`,
  `${x}==`,
  ` ${x}`,
  `${x.slice(0, 20)} ${x.slice(20)}`,
  `${x}\n`,
  x.replace(/-/g, '+').replace(/_/g, '/'),
  `AA${x}`, // 33 bytes, a leading zero
  x.slice(0, 42),
  `${x.slice(0, 42)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(x.at(-1)!) ^ 1]}`,
);
const respelledHeader = otherSpellings.map((spelling) => {
  const key = { ...jwk, x: spelling };
  return JSON.stringify({ alg: 'ES256', jwk: key, kid: thumbprintOf(key) });
});

/** Header texts no verifier may trust: hostile members, or the right key spelt another way. */
const hostileHeaderText: fc.Arbitrary<string> = fc.oneof(
  // The members a verifier reads and names in its messages, nested deep: the crash once found.
  { arbitrary: fc.tuple(fc.constantFrom('alg', 'kid', 'jwk', 'jwk.x'), deepValue).map(([path, value]) => withMember(header, path, value)), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom(...headerPaths), hostileValue).map(([path, value]) => withMember(header, path, value)), weight: 3 },
  respelledHeader,
  fc.constantFrom('alg', 'jwk', 'kid').map((name) => JSON.stringify(header).replace('{', `{${JSON.stringify(name)}:"none",`)),
  fc.constantFrom('none', 'HS256', 'es256', 'ES256 ', 'ES384').map((alg) => JSON.stringify({ ...header, alg })),
  hostileValue,
);

/** Bytes that are not one UTF-8 JSON text: a byte order mark, invalid or overlong UTF-8, an encoded surrogate. */
const badBytes = (text: string) =>
  fc.constantFrom(
    [0xef, 0xbb, 0xbf, ...Buffer.from(text)],
    [...Buffer.from(text), 0xff],
    [0xc0, 0xaf, ...Buffer.from(text)],
    [...Buffer.from(text.slice(0, -2)), 0xed, 0xa0, 0x80, ...Buffer.from(text.slice(-2))],
    [0xfe, 0xff, ...Buffer.from(text)],
  ).map((bytes) => new Uint8Array(bytes));

/** A token rewritten in ways a strict reader refuses: padding, the other alphabet, whitespace, dots, the last character's unused bits. */
const respelled = (token: string) =>
  fc.oneof(
    fc.constantFrom(
      token.split('.').map((part) => `${part}${'='.repeat((4 - (part.length % 4)) % 4)}`).join('.'),
      token.replace(/-/g, '+').replace(/_/g, '/'),
      `${token}.`,
      `.${token}`,
      token.replace('.', '..'),
      token.split('.').slice(0, 2).join('.'),
      `${token}.${token}`,
      token.replace(/\.[^.]*$/, '.'),
      token.replace(/^[^.]*/, ''),
      `${token} `,
      `\ufeff${token}`,
    ),
    fc.tuple(fc.nat(token.length), fc.constantFrom(' ', '\n', '\t', '=', '+', '/', '%', '\u00e9', '\u0000')).map(([at, char]) => token.slice(0, at) + char + token.slice(at)),
  );

/**
 * Hostile tokens of every kind, as strings (what a server's endpoint receives). Every one must be
 * refused with a `ConsentVerificationError` (at the endpoint, a 4xx), quickly, and never crash.
 */
export function hostileTokens(): fc.Arbitrary<string> {
  const signedHostileRecord = hostileRecordText.map((payload) => signedToken(payload));
  return fc.oneof(
    // Validly signed: the schema, the repeated-name scan and the terms meet them.
    { arbitrary: signedHostileRecord, weight: 2 },
    { arbitrary: fc.tuple(hostileHeaderText, hostileRecordText).map(([headerText, payload]) => signedToken(payload, headerText)), weight: 2 },
    // Not validly signed: the header checks meet them.
    { arbitrary: fc.tuple(hostileHeaderText, hostileRecordText).map(([headerText, payload]) => unsignedToken(headerText, payload)), weight: 2 },
    // Odd bytes and spellings.
    hostileRecordText.chain((payload) => badBytes(payload)).map((bytes) => signedToken(bytes)),
    badBytes(JSON.stringify(header)).map((bytes) => signedToken(JSON.stringify(record), bytes)),
    signedHostileRecord.chain(respelled),
    // Over the length bound, under it, and nothing like a JWS.
    fc.integer({ min: maxJwsLength - 100, max: 40000 }).map((length) => `${encode(JSON.stringify(header))}.${'A'.repeat(length)}.${'A'.repeat(86)}`),
    fc.string({ maxLength: 200 }),
    anyText(200),
    fc.array(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 60 }), { maxLength: 5 }).map((parts) =>
      parts.join('.'),
    ),
  );
}

/** The deepest nesting `make(depth)` reaches while its token stays within the verifier's length bound. */
function deepestWithin(make: (depth: number) => string): string {
  let low = 1;
  let high = maxJwsLength;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (make(middle).length <= maxJwsLength) low = middle;
    else high = middle - 1;
  }
  return make(low);
}

const deepHeaderMember = (name: 'alg' | 'kid') => (depth: number) =>
  unsignedToken(name === 'alg' ? `{"alg":${nested(depth, 'array')}}` : `{"alg":"ES256","kid":${nested(depth, 'array')}}`, '{}');

/** Fixed worst cases, by name: each once crashed a verifier, or nearly did. */
export const worstCases: ReadonlyArray<{ name: string; token: string }> = [
  { name: 'alg an array nested 4,000 deep (11 KB: a RangeError in the error message once)', token: deepHeaderMember('alg')(4000) },
  { name: 'alg an array nested 20,000 deep (53 KB)', token: deepHeaderMember('alg')(20000) },
  { name: 'alg an array nested as deep as fits in 8192 characters', token: deepestWithin(deepHeaderMember('alg')) },
  { name: 'kid an array nested as deep as fits (met with keys)', token: deepestWithin(deepHeaderMember('kid')) },
  { name: 'a header that is an array nested as deep as fits', token: deepestWithin((depth) => unsignedToken(nested(depth, 'array'), '{}')) },
  { name: 'a signed record nested as deep as fits', token: deepestWithin((depth) => signedToken(nested(depth, 'array'))) },
  { name: 'a signed record with an extra member of objects nested as deep as fits', token: deepestWithin((depth) => signedToken(withMember(record, 'extra', nested(depth, 'object')))) },
  { name: 'a signed record with a 1 MB subject', token: signedToken(withMember(record, 'subject', JSON.stringify('a'.repeat(1 << 20)))) },
  { name: 'a signed record with \\u0000 in subject', token: signedToken(withMember(record, 'subject', '"a\\u0000b"')) },
  { name: 'a signed record with a lone surrogate in nonce', token: signedToken(withMember(record, 'nonce', '"\\ud800"')) },
  { name: 'a signed record with iat 1e999', token: signedToken(withMember(record, 'iat', '1e999')) },
  { name: 'a signed record naming nonce twice', token: signedToken(JSON.stringify(record).replace('{', '{"nonce":"attacker",')) },
  { name: 'the right key with x padded, and the kid of that spelling', token: signedToken(JSON.stringify(record), JSON.stringify({ alg: 'ES256', jwk: { ...jwk, x: `${x}=` }, kid: thumbprintOf({ ...jwk, x: `${x}=` }) })) },
  { name: 'a header behind a byte order mark', token: signedToken(JSON.stringify(record), new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(JSON.stringify(header))])) },
];

export const worstTokens: readonly string[] = worstCases.map(({ token }) => token);
