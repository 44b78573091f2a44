import { ConsentError } from '../errors.js';
import { within } from '../within.js';
import { deepFreeze } from '../freeze.js';
import type { UiLang } from '../lang.js';
import type { ShownTerms } from '../state.js';
import { selectBuiltIn, todayInJapan } from './builtin.js';
import { termsDigest } from './digest.js';
import { catalog } from './generated/catalog.js';
import { checkIntegrity } from './integrity.js';

export interface TermsSource {
  /** A vendor document's URL; when empty, a built-in document is shown. */
  src?: string | undefined;
  version?: string | undefined;
  integrity?: string | undefined;
  lang: UiLang;
  timeoutMs: number;
  signal: AbortSignal;
  now?: Date;
}

/** attributes → terms: loads, validates, digests and pins the document to show. */
export async function resolveTerms({ src, version, integrity, lang, timeoutMs, signal, now }: TermsSource): Promise<ShownTerms> {
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    throw new ConsentError('insecure-context', 'WebCrypto needs a secure context: serve the page over https (or http on localhost)');
  }
  const document = src
    ? await (await loadChunk(() => import('./fetch.js'), timeoutMs)).fetchTerms(src, { timeoutMs, signal })
    : deepFreeze((await loadChunk(selectBuiltIn(catalog, { locale: lang, version, today: todayInJapan(now) }).load, timeoutMs)).default);
  const sha256 = await termsDigest(document);
  if (integrity) checkIntegrity(integrity, sha256);
  const { id, version: termsVersion, locale } = document;
  return { document, ref: { id, version: termsVersion, locale, sha256 } };
}

/**
 * Code the terms need from the server (the validator, a built-in document): a load that fails or
 * does not end within `timeoutMs` is a network failure, which a retry may mend.
 */
function loadChunk<T>(load: () => Promise<T>, timeoutMs: number): Promise<T> {
  const failed = (why: string, cause?: unknown) => new ConsentError('terms-fetch-failed', `the terms did not load: ${why}`, { cause });
  return within(
    load().catch((error: unknown) => {
      throw failed(String(error), error);
    }),
    timeoutMs,
    failed(`no answer within ${timeoutMs} ms`),
  );
}
