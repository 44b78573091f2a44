import type { ConsentRecord } from '../verify/index.js';
import { termsDigest } from '../terms/digest.js';
import { canonicalize } from '../terms/jcs.js';
import type { Evidence } from './consent-file.js';
import { CliError } from './errors.js';

/** Equal as JSON values (member order aside); a value with no canonical form equals nothing. */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return false;
  }
}

/**
 * The evidence around a verified JWS must be what the JWS says: its `record`
 * the signed payload, and its `terms` the very document the record's digest
 * names, so what an operator reads is what the customer agreed to.
 */
export async function checkEvidence(evidence: Evidence, record: ConsentRecord, path: string): Promise<void> {
  if (!sameJson(evidence.record, record)) {
    throw new CliError('evidence-mismatch', [`${path}: the evidence's record is not the record the JWS signs`]);
  }
  const { id, version, locale, sha256 } = record.terms;
  const sha256OfTerms = await termsDigest(evidence.terms).catch(() => 'none');
  const { id: termsId, version: termsVersion, locale: termsLocale } = evidence.terms;
  if (termsId !== id || termsVersion !== version || termsLocale !== locale || sha256OfTerms !== sha256) {
    throw new CliError('evidence-mismatch', [
      `${path}: the evidence's terms document is not the one the record names (${id} ${version} ${locale}, sha256-${sha256}): its digest is sha256-${sha256OfTerms}`,
    ]);
  }
}
