// The bounds on a consent record's strings, as plain code: the record schema (zod, for the verifier)
// and the element's `createRecord` both ask these functions, so they cannot disagree, and the
// element gets them without the schema library.

/**
 * The longest each record string may be, in UTF-16 code units (JavaScript's `length`): what a real
 * record needs, and small enough for any database column and log line. The verifier refuses longer
 * ones, and the element never signs them.
 */
export const recordLimits = { terms: 64, origin: 256, redirect: 2048, nonce: 256, subject: 256 } as const;

// C0 and C1 controls, and (under the u flag, where a pair is one code point) unpaired surrogates:
// a record string is plain text, and PostgreSQL's jsonb refuses \u0000 and lone surrogates.
const unprintable = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u;
const originPattern = /^https?:\/\/[^/?#\s]+$/;

/** A terms digest: base64url of 32 bytes. */
export const digestPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Why `value` cannot be a record string of at most `max` characters, or undefined when it can: it
 * must be a non-empty string with no control characters and no lone surrogates.
 */
export function recordTextProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || !value || value.length > max) {
    return `is ${typeof value === 'string' ? `${value.length} characters long` : typeof value}, not a string of 1 to ${max} characters`;
  }
  const found = unprintable.exec(value);
  // JSON.stringify spells a control character or a lone surrogate as its \u escape.
  return found ? `has ${JSON.stringify(found[0])} at index ${found.index}` : undefined;
}

/** Why `value` cannot be a record's `origin` (a page origin: scheme and host, no path), or undefined. */
export function recordOriginProblem(value: unknown): string | undefined {
  return recordTextProblem(value, recordLimits.origin) ?? (originPattern.test(value as string) ? undefined : 'is not an http(s) origin');
}
