import * as z from 'zod/mini';
import { ConsentError } from '../errors.js';
import { termsDocumentSchema, type TermsDocument } from './schema.js';

/**
 * Loads a vendor's terms document (`terms-src`) and validates it. Kept in its
 * own module so the schema is a lazy chunk that pages on built-in terms never load.
 * Rejects with a `ConsentError`, or with the caller's abort reason once `signal` aborts.
 */
export async function fetchTerms(
  src: string,
  { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal },
): Promise<TermsDocument> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort);
  const timer = setTimeout(() => controller.abort(new ConsentError('terms-fetch-failed', `${src}: no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    let text: string;
    try {
      const response = await fetch(new URL(src, document.baseURI), {
        signal: controller.signal,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new ConsentError('terms-fetch-failed', `${src}: HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      if (error instanceof ConsentError) throw error;
      throw new ConsentError('terms-fetch-failed', `${src}: ${String(error)}`, { cause: error });
    }
    return parseTerms(text, src);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
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
