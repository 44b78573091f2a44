/** base64url without padding (RFC 4648 §5), as JWS and the terms digest use it. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each ASCII code's 6-bit value, -1 for a character outside the URL alphabet. */
const sextets = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) sextets[alphabet.charCodeAt(i)] = i;

/**
 * Decodes base64url strictly, the inverse of `base64url`: only the URL alphabet, no padding, no
 * whitespace, and only the one spelling `base64url` gives each byte string (the unused low bits of
 * the last character are zero). Undefined for anything else. Written out rather than through
 * `atob` or Node's `Buffer`, which each forgive something different: one token, one reading,
 * in Node and in every browser.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? sextets[code]! : -1;
    if (value < 0) return undefined;
    // `buffer` holds only the `bits` not yet written out: fewer than 14 after this.
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = buffer >> bits;
      buffer &= (1 << bits) - 1;
    }
  }
  return buffer === 0 ? bytes : undefined;
}
