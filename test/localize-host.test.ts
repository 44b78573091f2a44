import { expect, html } from '@open-wc/testing';
import { configureLocalization, msg } from '@lit/localize';
import { part, settled, untilState } from './helpers.js';

// This file runs in a page of its own: the host page localizes itself with
// @lit/localize (once per page, a global locale), and the element is its guest.
const host = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['ja', 'fr'],
  // The host's translations even hold one of the element's ids: they must still never answer for it.
  loadLocale: async (locale) => ({
    templates: locale === 'ja' ? { 'host-greeting': 'こんにちは', 'rsc-agree': 'HOST' } : { 'host-greeting': 'Bonjour', 'rsc-agree': 'HÔTE' },
  }),
});

const agreeText = (element: Element) => part(element, 'agree')!.textContent!.trim();

describe('a host page that uses @lit/localize itself', () => {
  it('keeps its own locale, and the element keeps its own languages', async () => {
    await host.setLocale('fr');
    const en = await settled(html`<remote-support-consent lang="en" redirect-target="none"></remote-support-consent>`);
    const ja = await settled(html`<remote-support-consent lang="ja" redirect-target="none"></remote-support-consent>`);
    expect(agreeText(en)).to.equal('I agree');
    expect(agreeText(ja)).to.equal('同意する');
    expect(host.getLocale()).to.equal('fr');
    expect(msg('Hello', { id: 'host-greeting' })).to.equal('Bonjour');

    await host.setLocale('ja');
    en.lang = 'ja';
    await untilState(en, () => agreeText(en) === '同意する');
    ja.lang = 'en';
    await untilState(ja, () => agreeText(ja) === 'I agree');
    expect(host.getLocale()).to.equal('ja');
    expect(msg('Hello', { id: 'host-greeting' })).to.equal('こんにちは');
  });
});
