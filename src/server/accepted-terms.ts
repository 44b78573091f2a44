import { deepFreeze } from '../freeze.js';
import { termsDigest } from '../terms/digest.js';
import { canonicalize } from '../terms/jcs.js';
import type { TermsDocumentRow } from './store/index.js';

/** The vendor's accepted terms, taken once at start: what the verifier checks against, and what is stored. */
export interface AcceptedTerms {
  /** Frozen copies, for `verifyConsent`: a document the application edits later changes neither what is accepted nor what is stored. */
  documents: readonly unknown[];
  /** The row to store for a verified record's `terms.sha256`. */
  bySha256: ReadonlyMap<string, TermsDocumentRow>;
}

export async function acceptTerms(terms: readonly unknown[]): Promise<AcceptedTerms> {
  if (!Array.isArray(terms) || terms.length === 0) {
    throw new TypeError('createConsentServer: options.terms must be a non-empty array of terms documents');
  }
  const bySha256 = new Map<string, TermsDocumentRow>();
  const documents = [];
  for (const [index, document] of terms.entries()) {
    const { id, version, locale } = (document ?? {}) as Record<string, unknown>;
    const canonical = isObject(document) ? canonicalOrUndefined(document) : undefined;
    if (!canonical || typeof id !== 'string' || typeof version !== 'string' || typeof locale !== 'string') {
      throw new TypeError(`createConsentServer: options.terms[${index}] is not a terms document (a JSON object with string id, version and locale)`);
    }
    const copy = deepFreeze(JSON.parse(canonical) as unknown);
    const sha256 = await termsDigest(copy);
    bySha256.set(sha256, { sha256, id, version, locale, document: canonical });
    documents.push(copy);
  }
  return { documents, bySha256 };
}

const isObject = (value: unknown): value is object => !!value && typeof value === 'object' && !Array.isArray(value);

function canonicalOrUndefined(document: unknown): string | undefined {
  try {
    return canonicalize(document);
  } catch {
    return undefined;
  }
}
