import '../src/index.js';
import type { RemoteSupportConsentEventMap } from '../src/index.js';
import { langFromUrl, setPageLang, withLang, type Lang } from './lang.js';

const consent = document.querySelector('remote-support-consent')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const verdictLine = document.querySelector<HTMLParagraphElement>('#verdict')!;
const choice = document.querySelector<HTMLSelectElement>('#terms-choice')!;
const vendorName = document.querySelector<HTMLElement>('#vendor-name')!;

/**
 * The demo hands over in the same tab, after this pause, so the person trying it can follow the
 * customer to the stand-in provider page and back. A real portal would rather set
 * redirect-target="_blank" (as the README does), so the consent number stays in view.
 */
const readingPauseMs = 1500;

let lang: Lang = langFromUrl();

/** The stored consent's number, once the server has it; kept as data so it can be shown in either language. */
let stored: { reference: string; leaving: boolean } | undefined;

function verdictText({ reference, leaving }: NonNullable<typeof stored>): string {
  const ja = lang === 'ja';
  const kept = ja ? `サーバーが検証して保存しました（同意番号 ${reference}）。` : `The server verified and stored the consent (number ${reference}).`;
  const next = ja ? 'まもなくオプティム社のサイトへ移動します…' : "Moving on to OPTiM's site…";
  return leaving ? `${kept}${ja ? '' : ' '}${next}` : kept;
}

const showVerdict = () => {
  verdictLine.hidden = !stored;
  if (!stored) return;
  verdictLine.dataset.ok = 'true';
  verdictLine.textContent = verdictText(stored);
  // The operator looks the number up on their own page (demo/operator/).
  const operatorLink = document.createElement('a');
  operatorLink.href = withLang(`../operator/?reference=${encodeURIComponent(stored.reference)}`, lang);
  operatorLink.target = '_blank';
  operatorLink.textContent = lang === 'ja' ? '担当者の照会ページで見る' : "See it on the operator's look-up page";
  verdictLine.append(' ', operatorLink);
};

const events: Array<keyof RemoteSupportConsentEventMap> = ['terms-loaded', 'consent', 'decline', 'consent-error'];
for (const type of events) {
  consent.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${new Date().toLocaleTimeString(lang)} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(entry);
  });
}

// In production: redirect-url="https://<your entry page>.optim.co.jp/…" and the default allowed-origins.
// Here the stand-in provider page is on the other loopback name, a second origin on the same server.
const providerOrigin = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;
consent.allowedOrigins = providerOrigin;

// A fresh challenge with each page, so the server can tie the record to this visit. With consent-url
// the element itself posts the signed consent to the server kit, and hands over only once it is stored.
consent.consentUrl = '/api/consent';
const freshChallenge = () =>
  fetch('/api/challenge')
    .then((response) => response.json() as Promise<{ challenge: string }>)
    .then(({ challenge }) => (consent.challenge = challenge));
void freshChallenge();
// A challenge expires: after a refusal, the next agree signs a new record, with a new challenge.
consent.addEventListener('consent-error', (event) => {
  if (event.detail.code === 'consent-not-stored') void freshChallenge();
});

// The consent is stored by now. The portal holds the hand-off a moment, so the person trying the demo
// can read the server's verdict and the consent number.
consent.addEventListener('consent', (event) => {
  event.preventDefault();
  stored = { reference: event.detail.reference ?? '?', leaving: true };
  showVerdict();
  setTimeout(() => consent.proceed(), readingPauseMs);
});

// Back from the provider page (back/forward cache): the portal has stopped leaving.
addEventListener('pageshow', (event) => {
  if (event.persisted && stored) {
    stored = { ...stored, leaving: false };
    showVerdict();
  }
});

// Page language: the element follows the nearest lang, here <html lang> (also ?lang=en).
const buttons = document.querySelectorAll<HTMLButtonElement>('[data-lang]');
const useLang = (next: Lang) => {
  lang = next;
  setPageLang(lang);
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#demo-pages a')) link.href = withLang(link.href, lang);
  // The stand-in reads `lang` to speak the portal's language; OPTiM's real entry page is the URL OPTiM gives the vendor.
  consent.redirectUrl = withLang(`${providerOrigin}/demo/provider/?vendor=${encodeURIComponent(vendorName.textContent!)}`, lang);
  showVerdict();
};
for (const button of buttons) {
  button.addEventListener('click', () => {
    useLang(button.dataset.lang as Lang);
    // So a reload, or a link copied from the address bar, keeps the language.
    history.replaceState(history.state, '', withLang(location.href, lang));
  });
}
useLang(lang);

choice.addEventListener('change', () => {
  const value = choice.value;
  const isVersion = /^\d{4}-\d{2}-\d{2}$/.test(value);
  consent.termsVersion = isVersion ? value : '';
  consent.termsSrc = isVersion ? '' : value;
});
