/** A consent to keep: the verified record, its JWS, and the digest of the exact terms document it names. */
export interface NewConsent {
  id: string;
  reference: string;
  nonce: string;
  jws: string;
  /** The record as JSON text. */
  record: string;
  /** The `sha256` of a terms document the store was opened with. */
  termsSha256: string;
  /** ISO 8601. */
  storedAt: string;
}

export interface TermsDocumentRow {
  sha256: string;
  id: string;
  version: string;
  locale: string;
  /** The RFC 8785 canonical JSON the digest is over: its UTF-8 bytes hash to `sha256`. */
  document: string;
}

/** What a POST answers from: enough to tell a retry (same JWS) from a replay. */
export interface StoredConsent {
  id: string;
  reference: string;
  jws: string;
}

/** The operator's look-up: the evidence as stored, JSON still as text. */
export interface StoredEvidence {
  reference: string;
  jws: string;
  record: string;
  document: string;
  storedAt: string;
}

export type InsertOutcome =
  /** Stored, durably. */
  | { kind: 'inserted' }
  /** Nothing stored: these rows already hold the record's `id` or its challenge. */
  | { kind: 'conflict'; rows: StoredConsent[] }
  /** Nothing stored: only the reference was taken; draw another. */
  | { kind: 'reference-taken' };

/**
 * Where consents live. Each implementation enforces single use with the
 * database's own unique constraints (record `id`, `nonce`, `reference`), so
 * it holds across instances and connections, not only within this process.
 */
export interface ConsentStore {
  /** The secret challenges are MAC'd under: made once per database, shared by every instance. */
  readonly secret: Uint8Array;
  /** Inserts the consent in one transaction; resolves only once the commit is durable. */
  insert(consent: NewConsent): Promise<InsertOutcome>;
  byId(id: string): Promise<StoredConsent | undefined>;
  evidence(reference: string): Promise<StoredEvidence | undefined>;
  close(): Promise<void>;
}
