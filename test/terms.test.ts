import { expect } from '@open-wc/testing';
import { selectBuiltIn, todayInJapan, type CatalogEntry } from '../src/terms/builtin.js';
import { termsDigest } from '../src/terms/digest.js';
import { parseTerms } from '../src/terms/fetch.js';
import { builtInTerms } from '../src/terms/index.js';
import { checkIntegrity } from '../src/terms/integrity.js';
import type { TermsDocument } from '../src/terms/schema.js';
import { ConsentError } from '../src/errors.js';
import { publishedDigests } from './vectors.js';

const valid = {
  $schema: 'https://example.com/terms.schema.json',
  id: 'vendor-terms',
  version: '3',
  locale: 'ja',
  title: 'タイトル',
  effectiveDate: '2026-01-31',
  preamble: ['前文'],
  clauses: ['一'],
  closing: '以上',
};

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ConsentError);
    return (error as ConsentError).code;
  }
  return undefined;
};

describe('terms schema', () => {
  it('accepts a full document and hands back the parsed object unchanged', () => {
    expect(parseTerms(JSON.stringify(valid), 'test')).to.deep.equal(valid);
  });

  it('accepts the minimal document', () => {
    const { id, version, locale, title, clauses } = valid;
    expect(parseTerms(JSON.stringify({ id, version, locale, title, clauses }), 'test').clauses).to.deep.equal(['一']);
  });

  it('accepts every built-in document', () => {
    expect(builtInTerms.length).to.be.greaterThan(1);
    for (const document of builtInTerms) parseTerms(JSON.stringify(document), document.id);
  });

  const invalid: Array<[string, string]> = [
    ['broken JSON', '{"id": "vendor-terms",'],
    ['an empty body', ''],
    ['an array', '[]'],
    ['null', 'null'],
    ['an unknown key', JSON.stringify({ ...valid, extra: 1 })],
    ['no clauses', JSON.stringify({ ...valid, clauses: [] })],
    ['clauses missing', JSON.stringify({ ...valid, clauses: undefined })],
    ['an empty clause', JSON.stringify({ ...valid, clauses: ['一', ''] })],
    ['an empty title', JSON.stringify({ ...valid, title: '' })],
    ['an empty version', JSON.stringify({ ...valid, version: '' })],
    ['an id with capitals', JSON.stringify({ ...valid, id: 'Vendor' })],
    ['an id starting with a dash', JSON.stringify({ ...valid, id: '-vendor' })],
    ['a clause that is a number', JSON.stringify({ ...valid, clauses: [1] })],
    ['an effective date that is no date', JSON.stringify({ ...valid, effectiveDate: '2026-02-30' })],
    ['an effective date in another format', JSON.stringify({ ...valid, effectiveDate: '2026/01/31' })],
    ['a preamble that is a string', JSON.stringify({ ...valid, preamble: '前文' })],
  ];
  for (const [name, text] of invalid) {
    it(`refuses ${name} as terms-invalid`, () => {
      expect(codeOf(() => parseTerms(text, 'test'))).to.equal('terms-invalid');
    });
  }

  it('names the offending key for the integrator', () => {
    try {
      parseTerms(JSON.stringify({ ...valid, clause: ['typo'] }), 'vendor.json');
      expect.fail('accepted an unknown key');
    } catch (error) {
      expect((error as Error).message).to.contain('vendor.json').and.contain('clause');
    }
  });
});

describe('built-in terms', () => {
  it('never change once published', async () => {
    for (const document of builtInTerms) {
      const key = `${document.id} ${document.version} ${document.locale}`;
      if (key in publishedDigests) expect(await termsDigest(document), key).to.equal(publishedDigests[key]);
    }
    expect(Object.keys(publishedDigests).length).to.be.at.most(builtInTerms.length);
  });

  it('carry the seed text in Japanese, 記 to 以上', () => {
    const ja = builtInTerms.find((document) => document.locale === 'ja')!;
    expect(ja.preamble).to.have.length(2);
    expect(ja.clauses).to.have.length(19);
    expect(ja.clauses[0]).to.match(/^「リモートサポート」は、お客様が有する/);
    expect(ja.clauses.at(-1)).to.equal('弊社は、お客様の承諾を得ることなく、本規約を随時変更・改訂することができるものとします。');
    expect(ja.closing).to.equal('以上');
  });

  it('have an English translation clause for clause', () => {
    const [ja, en] = ['ja', 'en'].map((locale) => builtInTerms.find((document) => document.locale === locale)!);
    expect(en!.version).to.equal(ja!.version);
    expect(en!.clauses).to.have.length(ja!.clauses.length);
    expect(en!.preamble).to.have.length(ja!.preamble!.length);
  });
});

describe('version choice', () => {
  const entry = (version: string, locale: string, effectiveDate: string): CatalogEntry => ({
    id: 'remote-connect-support',
    version,
    locale,
    effectiveDate,
    load: () => Promise.resolve({ default: {} as TermsDocument }),
  });
  const catalog = [
    entry('2026-04-01', 'ja', '2026-04-01'),
    entry('2025-04-01', 'en', '2025-04-01'),
    entry('2025-04-01', 'ja', '2025-04-01'),
    entry('2027-01-01', 'ja', '2027-01-01'),
  ];
  const pick = (locale: string, today: string, version?: string) => {
    const { version: chosen, locale: shown } = selectBuiltIn(catalog, { locale, today, version });
    return `${chosen} ${shown}`;
  };

  it('shows the latest version whose effective date has come', () => {
    expect(pick('ja', '2026-11-25')).to.equal('2026-04-01 ja');
    expect(pick('ja', '2026-03-31')).to.equal('2025-04-01 ja');
    expect(pick('ja', '2026-04-01')).to.equal('2026-04-01 ja');
  });

  it('falls back to Japanese where a version has no translation', () => {
    expect(pick('en', '2026-11-25')).to.equal('2026-04-01 ja');
    expect(pick('en', '2025-12-01')).to.equal('2025-04-01 en');
  });

  it('shows the requested version, even a future one', () => {
    expect(pick('en', '2026-11-25', '2025-04-01')).to.equal('2025-04-01 en');
    expect(pick('ja', '2026-11-25', '2027-01-01')).to.equal('2027-01-01 ja');
  });

  it('shows the earliest when none is in effect yet', () => {
    expect(pick('ja', '2024-01-01')).to.equal('2025-04-01 ja');
  });

  it('refuses an unknown version with terms-version-unknown', () => {
    expect(codeOf(() => selectBuiltIn(catalog, { locale: 'ja', today: '2026-11-25', version: '1999' }))).to.equal(
      'terms-version-unknown',
    );
  });

  it('counts days in Japan time', () => {
    // 2025-03-31 15:00 UTC is already April 1st in Tokyo.
    expect(todayInJapan(new Date('2025-03-31T15:00:00Z'))).to.equal('2025-04-01');
    expect(todayInJapan(new Date('2025-03-31T14:59:59Z'))).to.equal('2025-03-31');
  });
});

describe('terms-integrity', () => {
  const sha256 = 'du44q8yT6FtY0D58qDRD-TYrpKstt1DH-vycdGt8P-s';
  it('accepts the digest as base64url, and as padded standard base64', () => {
    expect(codeOf(() => checkIntegrity(`sha256-${sha256}`, sha256))).to.equal(undefined);
    const standard = sha256.replace(/-/g, '+').replace(/_/g, '/');
    expect(codeOf(() => checkIntegrity(`sha256-${standard}=`, sha256))).to.equal(undefined);
  });
  for (const value of ['sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'sha384-' + sha256, sha256, 'sha256-', 'sha256-' + sha256 + 'A']) {
    it(`refuses ${JSON.stringify(value)} as terms-integrity-mismatch`, () => {
      expect(codeOf(() => checkIntegrity(value, sha256))).to.equal('terms-integrity-mismatch');
    });
  }
});
