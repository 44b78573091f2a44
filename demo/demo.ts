import '../src/index.js';
import type { RemoteSupportConsentEventMap } from '../src/index.js';

const consent = document.querySelector('remote-support-consent')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const verdict = document.querySelector<HTMLParagraphElement>('#verdict')!;
const choice = document.querySelector<HTMLSelectElement>('#terms-choice')!;

const events: Array<keyof RemoteSupportConsentEventMap> = ['terms-loaded', 'consent', 'decline', 'consent-error'];
for (const type of events) {
  consent.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(entry);
  });
}

// In production: redirect-url="https://<your entry page>.optim.co.jp/…" and the default allowed-origins.
// Here the stand-in provider page is on the other loopback name, a second origin on the same server.
const providerOrigin = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;
consent.allowedOrigins = providerOrigin;
consent.redirectUrl = `${providerOrigin}/demo/provider/?vendor=${encodeURIComponent('サンプル情報システム株式会社')}`;

// A fresh challenge with each page, so the server can tie the record to this visit.
const challenge = fetch('/api/challenge').then((response) => response.json() as Promise<{ challenge: string }>);
challenge.then(({ challenge: value }) => (consent.challenge = value));

// The record is evidence only once the vendor's server has verified and kept it, so the
// portal holds the navigation (preventDefault), stores the record, then lets the element go on.
consent.addEventListener('consent', async (event) => {
  const { detail } = event;
  event.preventDefault();
  verdict.removeAttribute('data-ok');
  verdict.textContent = 'サーバーで検証しています…';
  const response = await fetch('/api/consent', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jws: detail.jws }),
  });
  const answer = (await response.json()) as { ok: boolean; code?: string; record?: { id: string } };
  verdict.dataset.ok = String(answer.ok);
  verdict.textContent = answer.ok
    ? `検証済み・保存しました (記録 ${answer.record!.id})`
    : `検証できませんでした: ${answer.code}`;
  if (answer.ok) consent.proceed();
});

// Page language: the element follows the nearest lang, here <html lang> (also ?lang=en).
const useLang = (lang: string) => {
  document.documentElement.lang = lang;
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
  }
};
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => useLang(button.dataset.lang!));
}
useLang(new URL(location.href).searchParams.get('lang') ?? 'ja');

choice.addEventListener('change', () => {
  const value = choice.value;
  const isVersion = /^\d{4}-\d{2}-\d{2}$/.test(value);
  consent.termsVersion = isVersion ? value : '';
  consent.termsSrc = isVersion ? '' : value;
});
