// Reading JSON that came from outside (a token's parts, a server's answer) and naming its values in
// messages, without the rest of the JWS reader: the storing chunk needs these alone.

// ignoreBOM keeps a leading byte order mark in the text, where JSON.parse refuses it: RFC 8259 forbids
// sending one, and a parser elsewhere that refuses it must not read a token differently.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 JSON: undefined for invalid UTF-8 (or a byte order mark) or invalid JSON, however deep. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * A value read from a token, named for a message: a short printable ASCII string as itself, anything
 * else by its type and size. Never the value itself, which may be megabytes or thousands of arrays
 * deep: messages end up in logs, and `JSON.stringify` of a deep array overflows the stack.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return /^[\x20-\x7e]{0,64}$/.test(value) ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}
