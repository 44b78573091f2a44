/** base64url without padding (RFC 4648 §5), as JWS and the terms digest use it. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes base64url strictly: only the URL alphabet, no padding, no
 * whitespace, and only the one canonical spelling of each byte string (the
 * unused low bits of the last character are zero), so a token cannot be
 * altered without changing its bytes. Returns undefined for anything else.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const tail = text.length % 4;
  if (!/^[A-Za-z0-9_-]*$/.test(text) || tail === 1) return undefined;
  if (tail && alphabet.indexOf(text.at(-1)!) & (tail === 2 ? 0b1111 : 0b11)) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
