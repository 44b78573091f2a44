import { base64url, fromBase64url } from '../base64url.js';

/** A public P-256 key as it travels in a JWS header: exactly the RFC 7638 members. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

const utf8 = new TextEncoder();

/** RFC 7638 thumbprint of a P-256 key: SHA-256 over its required members in lexical order. */
export async function thumbprint({ crv, kty, x, y }: PublicJwk): Promise<string> {
  const canonical = JSON.stringify({ crv, kty, x, y });
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(canonical))));
}

/**
 * Signs `payload` as a compact JWS with ES256. WebCrypto's ECDSA signature is
 * already the fixed-length r‖s that JWS wants, so no DER conversion is needed.
 */
export async function signCompact(header: Record<string, unknown>, payload: string, key: CryptoKey): Promise<string> {
  const input = `${base64url(utf8.encode(JSON.stringify(header)))}.${base64url(utf8.encode(payload))}`;
  const signature = new Uint8Array(await crypto.subtle.sign(ecdsa, key, utf8.encode(input)));
  return `${input}.${base64url(signature)}`;
}

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
