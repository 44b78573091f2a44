import * as z from 'zod/mini';
import { digestPattern, recordLimits, recordOriginProblem, recordTextProblem } from './record-bounds.js';

/** A record string of at most `max` characters: non-empty plain text (see `recordTextProblem`). */
const text = (max: number) =>
  z.string().check(z.refine((value) => recordTextProblem(value, max) === undefined, `must be 1 to ${max} characters, with no control characters or lone surrogates`));

/**
 * The consent record, version 1: the one definition the verifier checks
 * against and the element's type comes from. Strict, so a record with an
 * extra claim is not mistaken for one the element made; bounded, so a record
 * fits any database and log, and carries no control character.
 */
export const consentRecordSchema = z.strictObject({
  v: z.literal(1),
  // Lower case, as crypto.randomUUID() makes it: one id, one spelling, so it cannot be stored twice.
  id: z.uuid().check(z.lowercase()),
  iat: z.int().check(z.nonnegative()),
  terms: z.strictObject({
    id: text(recordLimits.terms),
    version: text(recordLimits.terms),
    locale: text(recordLimits.terms),
    sha256: z.string().check(z.regex(digestPattern)),
  }),
  origin: z.string().check(z.refine((value) => recordOriginProblem(value) === undefined, 'must be an http(s) origin of at most 256 characters')),
  redirect: z.optional(text(recordLimits.redirect)),
  nonce: z.optional(text(recordLimits.nonce)),
  subject: z.optional(text(recordLimits.subject)),
});

/** The signed consent record: `detail.record` of the `consent` event, and what `verifyConsent` returns. */
export type ConsentRecord = z.infer<typeof consentRecordSchema>;
