/** Under the u flag, `\p{Cs}` matches only unpaired surrogates (a pair is one code point). */
const loneSurrogate = /\p{Cs}/u;

/**
 * RFC 8785 JSON Canonicalization Scheme for values as `JSON.parse` returns them.
 *
 * ECMAScript's own `JSON.stringify` already serialises strings and numbers the
 * way RFC 8785 §3.2.2 demands; what is left is sorting object keys by UTF-16
 * code units (the default `sort`) and refusing what JSON cannot carry.
 */
export function canonicalize(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    // `\p{Cs}` under the u flag matches only unpaired surrogates; String.prototype.isWellFormed
    // would say the same but is missing in Firefox 115–118, within the supported browsers.
    if (loneSurrogate.test(value)) throw new TypeError('JCS: lone surrogate in string');
    return JSON.stringify(value);
  }
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .map((key) => `${canonicalize(key)}:${canonicalize(object[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`JCS: ${typeof value} is not JSON`);
}
