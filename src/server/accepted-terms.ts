import { deepFreeze } from '../freeze.js';
import { isObject } from '../is-object.js';
import { canonicalize } from '../terms/jcs.js';
import { digestOf } from '../verify/digests.js';
import type { TermsDocumentRow } from './store/index.js';

/** The vendor's accepted terms, taken once at start: what the verifier checks against, and what is stored. */
export interface AcceptedTerms {
  /** Frozen copies, for `verifyConsent`: a document the application edits later changes neither what is accepted nor what is stored. */
  documents: readonly unknown[];
  /** Their rows, written to the store when it opens: a verified record's `terms.sha256` names one of them. */
  rows: readonly TermsDocumentRow[];
}

export async function acceptTerms(terms: readonly unknown[]): Promise<AcceptedTerms> {
  if (!Array.isArray(terms) || terms.length === 0) {
    throw new TypeError('createConsentServer: options.terms must be a non-empty array of terms documents');
  }
  const rows: TermsDocumentRow[] = [];
  const documents = [];
  for (const [index, document] of terms.entries()) {
    const { id, version, locale } = (document ?? {}) as Record<string, unknown>;
    const canonical = isObject(document) ? canonicalOrUndefined(document) : undefined;
    if (!canonical || typeof id !== 'string' || typeof version !== 'string' || typeof locale !== 'string') {
      throw new TypeError(`createConsentServer: options.terms[${index}] is not a terms document (a JSON object with string id, version and locale)`);
    }
    const copy = deepFreeze(JSON.parse(canonical) as unknown);
    // Through the verifier's cache, which keeps a frozen document's digest: computed here once, never again per request.
    const sha256 = (await digestOf(copy))!;
    rows.push({ sha256, id, version, locale, document: canonical });
    documents.push(copy);
  }
  return { documents, rows };
}

function canonicalOrUndefined(document: unknown): string | undefined {
  try {
    return canonicalize(document);
  } catch {
    return undefined;
  }
}
