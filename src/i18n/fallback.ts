import type { Catalog } from './catalog.js';

/**
 * The few words the element needs before its language's catalog has loaded, or where it could not
 * load (then the terms, which come in the same file, could not either): that it is loading, that
 * loading failed, and the button to try again. In the source language; every other message is empty.
 * `test/node/i18n.test.ts` keeps them equal to the catalog's.
 */
const few: Partial<Catalog> = {
  loading: () => '同意確認書を読み込んでいます…',
  'error-terms-fetch-failed': () => '同意確認書を読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。',
  retry: () => 'もう一度読み込む',
};

export const fallbackCatalog = new Proxy(few, { get: (messages, key: keyof Catalog) => messages[key] ?? (() => '') }) as Catalog;
