import { builtInTerms } from '../terms/index.js';
import { readConsentFile } from './consent-file.js';
import { checkEvidence } from './evidence.js';
import { readKeysFile } from './keys-file.js';
import { readTermsFile } from './terms-file.js';
import { verifyIgnoringAge } from './verify-offline.js';

export interface VerifyArguments {
  file: string;
  terms: readonly string[];
  nonce?: string | undefined;
  keys?: string | undefined;
}

/**
 * `verify <file> [--terms <file>…] [--nonce <n>] [--keys <file>]`: checks a
 * consent offline and prints its record. The accepted terms are the built-in
 * documents, each `--terms` file, and an evidence file's own `terms` (which
 * must then be the document the record names).
 */
export async function verifyCommand({ file, terms, nonce, keys }: VerifyArguments): Promise<string> {
  const consent = readConsentFile(file);
  const vendorTerms = await Promise.all(terms.map(readTermsFile));
  const accepted = [...builtInTerms, ...vendorTerms.map(({ document }) => document), ...(consent.evidence ? [consent.evidence.terms] : [])];
  const record = await verifyIgnoringAge(consent.jws, { terms: accepted, nonce, keys: keys === undefined ? undefined : readKeysFile(keys) }, { file, keys });
  if (consent.evidence) await checkEvidence(consent.evidence, record, file);
  return `${JSON.stringify(record, null, 2)}\n`;
}
