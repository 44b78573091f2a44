import { ConsentError } from '../errors.js';
import { loadCode } from '../within.js';
import type { UiLang } from '../lang.js';
import type { ShownTerms } from '../state.js';
import { loadBuiltIn, selectBuiltIn, todayInJapan, type CatalogEntry } from './builtin.js';
import { termsDigest } from './digest.js';
import { catalog } from './generated/catalog.js';
import { checkIntegrity } from './integrity.js';
import type { TermsDocument } from './schema.js';

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

/**
 * A built-in document, loaded within `timeoutMs`: a file that fails or comes late is
 * `terms-fetch-failed`, a network failure, for a fresh load and a hydration alike.
 */
export const loadBuiltInWithin = (entry: CatalogEntry, timeoutMs: number): Promise<TermsDocument> =>
  loadCode(() => loadBuiltIn(entry), timeoutMs, 'terms-fetch-failed', 'the terms');

/** attributes → terms: loads, validates, digests and pins the document to show. */
export async function resolveTerms({ src, version, integrity, lang, timeoutMs, signal, now }: TermsSource): Promise<ShownTerms> {
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    throw new ConsentError('insecure-context', 'WebCrypto needs a secure context: serve the page over https (or http on localhost)');
  }
  const builtIn = src ? undefined : selectBuiltIn(catalog, { locale: lang, version, today: todayInJapan(now) });
  const document = builtIn
    ? await loadBuiltInWithin(builtIn, timeoutMs)
    : await (await loadCode(() => import('./fetch.js'), timeoutMs, 'terms-fetch-failed', 'the terms validator')).fetchTerms(src!, { timeoutMs, signal });
  const sha256 = await termsDigest(document);
  if (integrity) checkIntegrity(integrity, sha256);
  const { id, version: termsVersion, locale } = document;
  return { document, ref: { id, version: termsVersion, locale, sha256 } };
}

/** The built-in terms `resolveTerms` would show, when they are to be loaded (undefined for a version that is not built in: the load reports that). */
export function builtInEntry({ version, lang, now }: { version: string; lang: UiLang; now: Date }): CatalogEntry | undefined {
  try {
    return selectBuiltIn(catalog, { locale: lang, version, today: todayInJapan(now) });
  } catch {
    return undefined;
  }
}
