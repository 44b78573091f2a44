// Reading a compact JWS: what checks a signature made elsewhere need (the vendor's signing server's
// answer, the verifier); the element's own signing never does, so its chunk goes without.
import { repeatedMemberName } from './repeated-name.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes base64url strictly: only the URL alphabet, no padding, no
 * whitespace, and only the one canonical spelling of each byte string (the
 * unused low bits of the last character are zero), so a token cannot be
 * altered without changing its bytes. Returns undefined for anything else.
 */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const tail = text.length % 4;
  if (!/^[A-Za-z0-9_-]*$/.test(text) || tail === 1) return undefined;
  if (tail && alphabet.indexOf(text.at(-1)!) & (tail === 2 ? 0b1111 : 0b11)) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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

/** Takes a compact JWS apart; undefined when it is not one (three strict base64url parts, a JSON object header). */
export function decodeCompact(jws: unknown): DecodedJws | undefined {
  if (typeof jws !== 'string') return undefined;
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 JSON: undefined for invalid UTF-8 or invalid JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
}

const text = new TextDecoder();

/**
 * Why a JWS part (JSON text) cannot be taken as one value: it repeats a member name, which parsers
 * resolve differently (`JSON.parse` keeps the last). Undefined when it does not.
 */
export function repeatedNameIn(part: 'header' | 'payload', bytes: Uint8Array): string | undefined {
  const name = repeatedMemberName(text.decode(bytes));
  return name === undefined ? undefined : `the ${part} repeats the member name ${JSON.stringify(name)}, which JSON parsers read differently`;
}
