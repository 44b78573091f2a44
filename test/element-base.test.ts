import { expect, fixture, html } from '@open-wc/testing';
import { RemoteSupportConsent } from '../src/element.js';
import type { ChangedProperties, PropertyDeclaration } from '../src/view/element-base.js';
import { frameReport, settled, untilState } from './helpers.js';

/** The element, counting its renders and what each was told had changed; it can fail a render, or ask for another from `updated`. */
class CountingConsent extends RemoteSupportConsent {
  renders: string[][] = [];
  failNextRender = false;
  renderAgain = false;
  protected override willUpdate(changed: ChangedProperties): void {
    super.willUpdate(changed);
    this.renders.push([...changed]);
  }
  protected override render() {
    if (this.failNextRender) {
      this.failNextRender = false;
      throw new Error('render failed');
    }
    return super.render();
  }
  protected override updated(): void {
    super.updated();
    if (this.renderAgain) {
      this.renderAgain = false;
      this.requestUpdate();
    }
  }
}
customElements.define('counting-consent', CountingConsent);

/** A subclass declaring a property of its own. */
class ExtendedConsent extends RemoteSupportConsent {
  static override properties: Record<string, PropertyDeclaration> = { extra: {} };
  declare extra: string | null;
}
customElements.define('extended-consent', ExtendedConsent);

const counting = async (template: ReturnType<typeof html>) => {
  const element = await fixture<CountingConsent>(template);
  await untilState(element, 'ready');
  return element;
};

describe('the element base (lit-html without ReactiveElement)', () => {
  it('renders once for any number of property sets in one task, naming each changed property', async () => {
    const element = await counting(html`<counting-consent redirect-target="none"></counting-consent>`);
    const before = element.renders.length;
    element.subject = 'a';
    element.challenge = 'b';
    element.subject = 'c';
    expect(await element.updateComplete).to.equal(true);
    const renders = element.renders.slice(before);
    expect(renders).to.have.length(1);
    expect(renders[0]).to.have.members(['subject', 'challenge']);
  });

  it('renders what willUpdate changes in the same render', async () => {
    const element = await counting(html`<counting-consent redirect-target="none"></counting-consent>`);
    const before = element.renders.length;
    element.termsSrc = '/test/fixtures/vendor-terms.json';
    await element.updateComplete;
    // Loading starts in willUpdate, and its state is rendered with the change that started it.
    expect(element.renders[before]).to.have.members(['termsSrc', 'view']);
    expect(element.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.equal('同意確認書を読み込んでいます…');
  });

  it('settles updateComplete with false when another render was asked for meanwhile', async () => {
    const element = await counting(html`<counting-consent redirect-target="none"></counting-consent>`);
    element.renderAgain = true;
    element.subject = 'a';
    expect(await element.updateComplete).to.equal(false);
    expect(await element.updateComplete).to.equal(true);
  });

  it('rejects updateComplete when a render throws, and renders again on the next change', async () => {
    const element = await counting(html`<counting-consent redirect-target="none"></counting-consent>`);
    element.failNextRender = true;
    element.subject = 'a';
    const failed = await element.updateComplete.then(
      () => 'settled',
      (error: Error) => error.message,
    );
    expect(failed).to.equal('render failed');
    element.subject = 'b';
    expect(await element.updateComplete).to.equal(true);
    expect(element.shadowRoot!.querySelector('[part~="agree"]')).to.exist;
  });

  it('merges a subclass\'s declared properties with the element\'s', async () => {
    expect(ExtendedConsent.observedAttributes).to.include.members(['extra', 'terms-src', 'redirect-target']);
    // Read again (as a second registry would): the accessors are defined once, and reading never throws.
    expect(RemoteSupportConsent.observedAttributes).to.deep.equal(RemoteSupportConsent.observedAttributes);
    const element = await fixture<ExtendedConsent>(html`<extended-consent redirect-target="none" extra="1"></extended-consent>`);
    await untilState(element, 'ready');
    expect([element.extra, element.redirectTarget]).to.deep.equal(['1', 'none']);
    expect((RemoteSupportConsent.prototype as { subject?: string }).subject, 'read on the prototype').to.equal(undefined);
  });

  it('does not render for a value that did not change', async () => {
    const element = await counting(html`<counting-consent redirect-target="none" subject="x"></counting-consent>`);
    const before = element.renders.length;
    element.subject = 'x';
    element.setAttribute('subject', 'x');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    expect(element.renders.length).to.equal(before);
  });

  it('reads number attributes as numbers, and a removed one as its default', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" heading-level="4" timeout="2500"></remote-support-consent>`);
    expect([element.headingLevel, element.timeout]).to.deep.equal([4, 2500]);
    expect(element.shadowRoot!.querySelector('h4')).to.exist;
    element.removeAttribute('heading-level');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('h2'), 'the default level').to.exist;
  });

  it('renders nothing before it is connected, and renders when connected', async () => {
    const element = document.createElement('remote-support-consent');
    element.redirectTarget = 'none';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.shadowRoot).to.equal(null);
    expect(element.getAttribute('state')).to.equal(null);
    document.body.append(element);
    try {
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part~="status"]')).to.exist;
    } finally {
      element.remove();
    }
  });

  it('keeps properties set before the definition, and stays reactive after the upgrade', async () => {
    const report = await frameReport('/test/fixtures/upgrade.html');
    expect(report).to.deep.equal({ state: 'ready', subject: 'early', challenge: 'c-1', shadowed: false, after: 'error' });
  });

  it('styles itself with a <style> element where style sheets cannot be constructed', async () => {
    const report = await frameReport('/test/fixtures/no-constructable-styles.html');
    expect(report).to.deep.equal({ state: 'ready', styleElements: 1, agreeMinHeight: '44px' });
  });

  it('shares one constructed style sheet among its instances', async () => {
    const one = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    const two = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(one.shadowRoot!.adoptedStyleSheets).to.have.length(1);
    expect(one.shadowRoot!.adoptedStyleSheets[0]).to.equal(two.shadowRoot!.adoptedStyleSheets[0]);
    expect(one.shadowRoot!.querySelector('style')).to.equal(null);
  });
});
