// Reading a compact JWS: what checks a signature made elsewhere need (the vendor's signing server's
// answer, the verifier); the element's own signing never does, so its chunk goes without.
import { fromBase64url } from '../base64url.js';
import { describe, parseJson } from './untrusted-json.js';
import { repeatedMemberName } from './repeated-name.js';

/**
 * The longest JWS read, in characters: a consent record and its ES256 header fill a few thousand at
 * most, and a bound before any decoding keeps the work on a hostile token small.
 */
export const maxJwsLength = 8192;

const utf8 = new TextEncoder();

/** A compact JWS taken apart, nothing verified yet. */
export interface DecodedJws {
  header: Record<string, unknown>;
  /** The header as signed, for checks that need more than its parsed value. */
  headerBytes: Uint8Array<ArrayBuffer>;
  payload: Uint8Array<ArrayBuffer>;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/**
 * Takes a compact JWS apart; undefined when it is not one (at most `maxJwsLength` characters, three
 * strict base64url parts, a JSON object header).
 */
export function decodeCompact(jws: unknown): DecodedJws | undefined {
  if (typeof jws !== 'string' || jws.length > maxJwsLength) return undefined;
  const parts = jws.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart] = parts as [string, string, string];
  const [headerBytes, payload, signature] = parts.map(fromBase64url);
  if (!headerBytes || !payload || !signature) return undefined;
  const header = parseJson(headerBytes);
  if (!header || typeof header !== 'object' || Array.isArray(header)) return undefined;
  return {
    header: header as Record<string, unknown>,
    headerBytes,
    payload,
    signingInput: utf8.encode(`${headerPart}.${payloadPart}`),
    signature,
  };
}

/**
 * The payload of a compact JWS as JSON, read without verifying anything: undefined when the token is
 * not one or its payload is not JSON. For what only needs a claim before verifying (when a record says
 * it was signed), or to compare against what was verified before (a stored record's id).
 */
export function unverifiedPayload(jws: string): unknown {
  const payload = decodeCompact(jws)?.payload;
  return payload && parseJson(payload);
}

const text = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Why a JWS part (JSON text) cannot be taken as one value: it repeats a member name, which parsers
 * resolve differently (`JSON.parse` keeps the last). Undefined when it does not.
 */
export function repeatedNameIn(part: 'header' | 'payload', bytes: Uint8Array): string | undefined {
  const name = repeatedMemberName(text.decode(bytes));
  return name === undefined ? undefined : `the ${part} repeats the member name ${describe(name)}, which JSON parsers read differently`;
}
