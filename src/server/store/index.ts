import { StorageFailure } from '../errors.js';
import type { ConsentStore, TermsDocumentRow } from './types.js';

export type { ConsentStore, InsertOutcome, NewConsent, StoredConsent, StoredEvidence, TermsDocumentRow } from './types.js';

/** A `database` option the kit can open: `sqlite:<file>`, `postgres://…` or `postgresql://…`. */
export function isDatabaseUrl(database: string): boolean {
  return /^sqlite:./.test(database) || /^postgres(ql)?:\/\//.test(database);
}

/**
 * Opens the database the URL names, migrating it and writing the accepted terms documents (which
 * every consent then names); only that database's driver is loaded.
 */
export async function openStore(database: string, terms: readonly TermsDocumentRow[]): Promise<ConsentStore> {
  const store = database.startsWith('sqlite:')
    ? await (await import('./sqlite.js')).openSqlite(database.slice('sqlite:'.length), terms)
    : await (await import('./postgres.js')).openPostgres(database, terms);
  return guarded(store);
}

/** Any failure of the database while serving becomes a `StorageFailure`, which the routes answer with 503. */
function guarded(store: ConsentStore): ConsentStore {
  const fail = (error: unknown): never => {
    throw new StorageFailure(String(error), { cause: error });
  };
  return {
    secret: store.secret,
    insert: (consent) => store.insert(consent).catch(fail),
    byId: (id) => store.byId(id).catch(fail),
    evidence: (reference) => store.evidence(reference).catch(fail),
    close: () => store.close(),
  };
}
