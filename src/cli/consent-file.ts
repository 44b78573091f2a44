import { isObject } from '../is-object.js';
import { CliError } from './errors.js';
import { readText } from './files.js';

/** The operator look-up's answer, as far as checking it needs: `reference` and `storedAt` are not evidence of anything. */
export interface Evidence {
  jws: string;
  record: Record<string, unknown>;
  terms: Record<string, unknown>;
}

/** What `verify` reads: a compact JWS, or one inside an evidence file. */
export type ConsentFile = { jws: string; evidence?: undefined } | { jws: string; evidence: Evidence };

/**
 * A file holding a compact JWS (whitespace around it ignored) or an evidence
 * file `{ record, jws, terms, reference, storedAt }`, told apart by the JSON
 * object's opening brace, which no compact JWS has.
 */
export function readConsentFile(path: string): ConsentFile {
  const text = readText(path).trim();
  if (!text.startsWith('{')) return { jws: text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError('not-json', [`${path}: starts like an evidence file but is not JSON (${(error as Error).message})`]);
  }
  const evidence = json as Record<string, unknown>;
  const missing = [
    typeof evidence.jws === 'string' ? '' : 'jws (a string)',
    isObject(evidence.record) ? '' : 'record (an object)',
    isObject(evidence.terms) ? '' : 'terms (an object)',
  ].filter(Boolean);
  if (missing.length) {
    throw new CliError('not-evidence', [`${path}: not an evidence file { record, jws, terms, reference, storedAt }: no ${missing.join(', no ')}`]);
  }
  return { jws: evidence.jws as string, evidence: evidence as unknown as Evidence };
}
