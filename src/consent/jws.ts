import { base64url } from '../base64url.js';

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
