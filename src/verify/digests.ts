import { canonicalize } from '../terms/jcs.js';
import { canonicalDigest, termsDigest } from '../terms/digest.js';

/** Digests of documents that can no longer change (deeply frozen, as `builtInTerms` are), by object. */
const byObject = new WeakMap<object, Promise<string | undefined>>();

/**
 * Digests of every other document, by its canonical JSON: a document edited in place has another
 * text, so another key, and is digested afresh. The least recently used goes first past the bound.
 */
const byText = new Map<string, Promise<string | undefined>>();
const maxTexts = 64;

/**
 * The contract's digest of an accepted terms document, undefined for what is not JSON. Cached, as a
 * server passes the same documents on every call, but never past a change to a document.
 */
export function digestOf(document: unknown): Promise<string | undefined> {
  if (!document || typeof document !== 'object') return Promise.resolve(undefined);
  const known = byObject.get(document);
  if (known) return known;
  let frozen: boolean;
  let canonical = '';
  try {
    frozen = isDeepFrozen(document);
    if (!frozen) canonical = canonicalize(document);
  } catch {
    return Promise.resolve(undefined); // not JSON: a cycle, a function, a lone surrogate
  }
  if (frozen) {
    const digest = termsDigest(document).catch(() => undefined);
    byObject.set(document, digest);
    return digest;
  }
  // The very text used as the key, digested as it is: canonicalised once.
  const digest = byText.get(canonical) ?? canonicalDigest(canonical).catch(() => undefined);
  byText.delete(canonical);
  byText.set(canonical, digest);
  if (byText.size > maxTexts) byText.delete(byText.keys().next().value!);
  return digest;
}

/**
 * Whether nothing in `value` can change any more: it and every object within are frozen, with data
 * properties only (a getter on a frozen object may still answer differently).
 */
function isDeepFrozen(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) return false;
    const member: unknown = descriptor.value;
    if (member && typeof member === 'object' && !isDeepFrozen(member)) return false;
  }
  return true;
}
