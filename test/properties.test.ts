import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import { ConsentError } from '../src/errors.js';
import type { RemoteSupportConsent } from '../src/index.js';
import { checkRedirect } from '../src/redirect.js';
import { parseTerms } from '../src/terms/fetch.js';
import { clauseTexts, part, untilState } from './helpers.js';
import { defaultAllowed } from './vectors.js';

/** What the default allow-list allows: https, OPTiM's name or a subdomain of it, the default port, no user info. */
const isOptim = (href: string) => {
  const url = new URL(href);
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    !url.username &&
    !url.password &&
    (url.hostname === 'optim.co.jp' || url.hostname.endsWith('.optim.co.jp'))
  );
};

/** URLs near the allowed ones: OPTiM's names bent every way, and arbitrary URLs and strings. */
const urls = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'HTTPS://', '//', 'https:', 'https:\\\\', 'javascript:', 'data:', ' https://'),
      fc.constantFrom('', 'user@', 'user:pw@', 'optim.co.jp@'),
      fc.constantFrom('optim.co.jp', 'x.optim.co.jp', 'xoptim.co.jp', 'optim.co.jp.evil.example', '\u043eptim.co.jp', 'optim.co.jp\uff0eevil', 'a.b.optim.co.jp', '*.optim.co.jp'),
      fc.constantFrom('', ':443', ':8443', '.', '\\', '%2e', '#', '?'),
      fc.string({ maxLength: 12 }),
    )
    .map((parts) => parts.join('')),
  fc.string(),
);

describe('properties', () => {
  it('the redirect rule accepts no URL outside the allow-list', () => {
    fc.assert(
      fc.property(urls, (url) => {
        let accepted: string | undefined;
        try {
          accepted = checkRedirect(url, defaultAllowed);
        } catch (error) {
          expect(error).to.be.instanceOf(ConsentError);
          return;
        }
        expect(isOptim(accepted), `${JSON.stringify(url)} → ${accepted}`).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('no input crashes the terms parser: it accepts, or refuses with terms-invalid', () => {
    const nearlyTerms = fc.record(
      {
        id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/), fc.string()),
        version: fc.string(),
        locale: fc.constantFrom('ja', 'en', 'en-GB', ''),
        title: fc.string(),
        effectiveDate: fc.oneof(fc.constant('2026-01-31'), fc.string()),
        preamble: fc.array(fc.string()),
        clauses: fc.array(fc.string()),
        closing: fc.string(),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value)), nearlyTerms.map((value) => JSON.stringify(value))), (text) => {
        try {
          parseTerms(text, 'property');
        } catch (error) {
          expect(error).to.be.instanceOf(ConsentError);
          expect((error as ConsentError).code).to.equal('terms-invalid');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every accepted document renders, every clause as the text it is', async function () {
    this.timeout(20000);
    const text = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
    const documents = fc.record({
      id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/),
      version: text,
      locale: fc.constantFrom('ja', 'en', 'en-GB'),
      title: text,
      clauses: fc.array(text, { minLength: 1, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(documents, async (document) => {
        const src = `data:application/json,${encodeURIComponent(JSON.stringify(document))}`;
        const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-src=${src}></remote-support-consent>`);
        await untilState(element, (state) => state !== 'loading');
        expect(element.state).to.equal('ready');
        expect(part(element, 'title')!.textContent).to.equal(document.title);
        expect(clauseTexts(element)).to.deep.equal(document.clauses.map((clause) => clause.trim()));
        element.remove();
      }),
      { numRuns: 25 },
    );
  });
});
