import type { TermsDocument } from '../terms/schema.js';
import { termsDigest } from '../terms/digest.js';
import { CliError } from './errors.js';
import { readJson } from './files.js';
import { termsProblems } from './terms-problems.js';

/** A terms document read from a file, valid, and its digest. */
export interface TermsFile {
  document: TermsDocument;
  sha256: string;
}

/** Reads and validates a terms document; a `CliError` lists every problem, one line each, naming the file. */
export async function readTermsFile(path: string): Promise<TermsFile> {
  const { json, text } = readJson(path);
  const [first, ...rest] = (await termsProblems(json, text)).map((problem) => `${path}: ${problem}`);
  if (first !== undefined) throw new CliError('terms-invalid', [first, ...rest]);
  // The digest is over the JSON as parsed: the object itself, not a validated copy.
  return { document: json as TermsDocument, sha256: await termsDigest(json) };
}
