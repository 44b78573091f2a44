import { expect, fixture, html } from '@open-wc/testing';
import { css, type PropertyDeclarations } from 'lit';
import { RemoteSupportConsent } from '../src/element.js';
import { clickPart, part, settled, untilState } from './helpers.js';

/** A vendor's own element, made the way Lit documents: its styles after the base's, a property of its own. */
class BrandedConsent extends RemoteSupportConsent {
  static override styles = [
    super.styles,
    css`
      .agree {
        outline: 3px dotted rgb(255, 0, 0);
      }
      .decline {
        letter-spacing: 2px;
      }
    `,
  ];
  static override properties: PropertyDeclarations = { brand: { reflect: true } };
  declare brand: string;
}
customElements.define('branded-consent', BrandedConsent);

describe('a subclass', () => {
  it('extends the styles the Lit way: its first rule and the base rules both apply', async () => {
    const element = (await settled(html`<branded-consent redirect-target="none"></branded-consent>`)) as BrandedConsent;
    const agree = getComputedStyle(part(element, 'agree')!);
    expect(agree.outlineStyle).to.equal('dotted');
    expect(agree.outlineColor).to.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(part(element, 'decline')!).letterSpacing).to.equal('2px');
    // The base's own rule for the agree button: its accent background.
    expect(agree.backgroundColor).to.equal('rgb(11, 87, 208)');
  });

  it('keeps the base properties and adds its own, reflected', async () => {
    const element = (await settled(html`<branded-consent redirect-target="none" subject="C-1"></branded-consent>`)) as BrandedConsent;
    element.brand = 'acme';
    await element.updateComplete;
    expect(element.getAttribute('brand')).to.equal('acme');
    expect(element.subject).to.equal('C-1');
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(element.getAttribute('state')).to.equal('done');
  });
});

describe('the state attribute', () => {
  it('follows the property after a removal while signing and an insertion elsewhere', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" sign-url="/__sign/slow/1500"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'signing');
    expect(element.getAttribute('state')).to.equal('signing');
    const elsewhere = await fixture(html`<section></section>`);
    element.remove();
    elsewhere.append(element);
    await element.updateComplete;
    expect(element.state).to.equal('ready');
    expect(element.getAttribute('state')).to.equal('ready');
  });

  it('is read-only: the property cannot be set, and an edited attribute is put back', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(() => ((element as { state: string }).state = 'done')).to.throw(TypeError);
    element.setAttribute('state', 'done');
    await element.updateComplete;
    expect(element.state).to.equal('ready');
    expect(element.getAttribute('state')).to.equal('ready');
    expect(part(element, 'agree')).not.to.equal(null);
  });
});
