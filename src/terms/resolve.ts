import { ConsentError } from '../errors.js';
import { loadCode } from '../within.js';
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
    ? await (await loadCode(() => import('./fetch.js'), timeoutMs, 'terms-fetch-failed', 'the terms validator')).fetchTerms(src, { timeoutMs, signal })
    : deepFreeze((await loadCode(selectBuiltIn(catalog, { locale: lang, version, today: todayInJapan(now) }).load, timeoutMs, 'terms-fetch-failed', 'the terms')).default);
  const sha256 = await termsDigest(document);
  if (integrity) checkIntegrity(integrity, sha256);
  const { id, version: termsVersion, locale } = document;
  return { document, ref: { id, version: termsVersion, locale, sha256 } };
}
