import { ConsentError } from '../errors.js';
import { deepFreeze } from '../freeze.js';
import type { TermsDocument } from './schema.js';

/** A built-in document known by its metadata, its text loaded only when shown. */
export interface CatalogEntry {
  id: string;
  version: string;
  locale: string;
  effectiveDate: string;
  load(): Promise<{ default: TermsDocument }>;
}

/** Documents at hand, by `id version locale`: loaded once, or provided up front (a server rendering the element). */
const atHand = new Map<string, TermsDocument>();
const key = ({ id, version, locale }: { id: string; version: string; locale: string }) => `${id} ${version} ${locale}`;

/** The entry's document, frozen, once loaded (and kept at hand from then on). */
export async function loadBuiltIn(entry: CatalogEntry): Promise<TermsDocument> {
  const document = atHand.get(key(entry)) ?? deepFreeze((await entry.load()).default);
  atHand.set(key(entry), document);
  return document;
}

/** The entry's document if it is at hand now, without loading. */
export const builtInAtHand = (entry: CatalogEntry): TermsDocument | undefined => atHand.get(key(entry));

/** Puts documents at hand up front, so the element shows them at once (for server rendering, where nothing may wait). */
export function provideBuiltIn(documents: readonly TermsDocument[]): void {
  for (const document of documents) atHand.set(key(document), deepFreeze(document));
}

/** Japan keeps UTC+9 all year (no daylight saving since 1951), so no time-zone data is needed. */
const japanOffsetMs = 9 * 60 * 60 * 1000;

/** Today's date (YYYY-MM-DD) in Japan, where the terms take effect. */
export const todayInJapan = (now = new Date()): string => new Date(now.getTime() + japanOffsetMs).toISOString().slice(0, 10);

/**
 * Picks the built-in document to show: the requested `version`, or else the
 * latest whose effective date has come (the earliest if none has yet), in
 * `locale` when it exists in that language and in Japanese otherwise.
 */
export function selectBuiltIn(
  catalog: readonly CatalogEntry[],
  { locale, version, today }: { locale: string; version?: string | undefined; today: string },
): CatalogEntry {
  // YYYY-MM-DD sorts as text; localeCompare would wake ICU's collator, tens of ms on a cold page.
  const byDate = [...catalog].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  const candidates = version ? byDate.filter((entry) => entry.version === version) : byDate;
  if (candidates.length === 0) {
    const known = [...new Set(byDate.map((entry) => entry.version))].join(', ');
    throw new ConsentError('terms-version-unknown', `terms-version "${version}" is not built in (built in: ${known})`);
  }
  const effective = candidates.filter((entry) => entry.effectiveDate <= today);
  const chosen = (effective.at(-1) ?? candidates[0]!).version;
  const versions = candidates.filter((entry) => entry.version === chosen);
  return versions.find((entry) => entry.locale === locale) ?? versions.find((entry) => entry.locale === 'ja') ?? versions[0]!;
}
