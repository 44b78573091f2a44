import * as z from 'zod/mini';
import { recordLimits, recordTextProblem } from '../consent/record-bounds.js';

const text = z.string().check(z.minLength(1));
/**
 * What a signed record copies from the document (id, version, locale): within the record's bounds,
 * so a document the element shows is one it can sign a consent to.
 */
const label = z.string().check(
  z.minLength(1),
  // Empty is the check above's to report.
  z.refine((value) => value === '' || recordTextProblem(value, recordLimits.terms) === undefined, {
    error: `cannot go into a consent record: at most ${recordLimits.terms} characters of plain text`,
  }),
);

/**
 * The terms document of the contract. Strict: an unknown key is an error, so a
 * typo in a vendor's file is caught instead of silently dropped. Only the
 * vendor-document path loads this module; built-in documents are checked
 * against it by the tests, not at run time, to keep the CDN bundle small.
 */
export const termsDocumentSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: label.check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
  version: label,
  locale: label,
  title: text,
  effectiveDate: z.optional(z.iso.date()),
  preamble: z.optional(z.array(z.string())),
  clauses: z.array(text).check(z.minLength(1)),
  closing: z.optional(z.string()),
});

/** A terms document as parsed from JSON and validated. */
export type TermsDocument = z.infer<typeof termsDocumentSchema>;
