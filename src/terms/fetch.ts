import * as z from 'zod/mini';
import { ConsentError } from '../errors.js';
import { fetchText, type Deadline } from '../http.js';
import { termsDocumentSchema, type TermsDocument } from './schema.js';

/**
 * Loads a vendor's terms document (`terms-src`) and validates it. Kept in its
 * own module so the schema is a lazy chunk that pages on built-in terms never load.
 */
export async function fetchTerms(src: string, deadline: Deadline): Promise<TermsDocument> {
  const text = await fetchText(src, { credentials: 'same-origin', headers: { accept: 'application/json' } }, 'terms-fetch-failed', deadline);
  return parseTerms(text, src);
}

/** Parses and validates a terms document's JSON text; `source` names it in messages. */
export function parseTerms(text: string, source: string): TermsDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConsentError('terms-invalid', `${source}: not JSON (${String(error)})`, { cause: error });
  }
  const result = z.safeParse(termsDocumentSchema, json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.join('.') || 'document';
      const keys = 'keys' in issue ? ` ${(issue.keys as string[]).join(', ')}` : '';
      return `${where}: ${issue.code}${keys}`;
    });
    throw new ConsentError('terms-invalid', `${source}: not a terms document (${problems.join('; ')})`);
  }
  // The digest is over the JSON as parsed, so hand back that object, not zod's copy.
  return json as TermsDocument;
}
