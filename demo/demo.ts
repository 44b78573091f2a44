import '../src/index.js';
import type { RemoteSupportConsentEventMap } from '../src/index.js';

const consent = document.querySelector('remote-support-consent')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const choice = document.querySelector<HTMLSelectElement>('#terms-choice')!;

const events: Array<keyof RemoteSupportConsentEventMap> = ['terms-loaded', 'decline', 'consent-error'];
for (const type of events) {
  consent.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(entry);
  });
}

// Page language: the element follows the nearest lang, here <html lang>.
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    document.documentElement.lang = button.dataset.lang!;
    for (const other of document.querySelectorAll('[data-lang]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}

choice.addEventListener('change', () => {
  const value = choice.value;
  const isVersion = /^\d{4}-\d{2}-\d{2}$/.test(value);
  consent.termsVersion = isVersion ? value : '';
  consent.termsSrc = isVersion ? '' : value;
});
