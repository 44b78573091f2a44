import * as z from 'zod/mini';

const text = z.string().check(z.minLength(1));

/**
 * The consent record, version 1: the one definition the verifier checks
 * against and the element's type comes from. Strict, so a record with an
 * extra claim is not mistaken for one the element made.
 */
export const consentRecordSchema = z.strictObject({
  v: z.literal(1),
  id: z.uuid(),
  iat: z.int().check(z.nonnegative()),
  terms: z.strictObject({
    id: text,
    version: text,
    locale: text,
    sha256: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  }),
  origin: z.string().check(z.regex(/^https?:\/\/[^/?#\s]+$/)),
  redirect: z.optional(text),
  nonce: z.optional(text),
  subject: z.optional(text),
});

/** The signed consent record: `detail.record` of the `consent` event, and what `verifyConsent` returns. */
export type ConsentRecord = z.infer<typeof consentRecordSchema>;
