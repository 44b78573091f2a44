import '../src/index.js';
import type { RemoteSupportConsentEventMap } from '../src/index.js';
import { langFromUrl, setPageLang, withLang, type Lang } from './lang.js';

const consent = document.querySelector('remote-support-consent')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const verdictLine = document.querySelector<HTMLParagraphElement>('#verdict')!;
const choice = document.querySelector<HTMLSelectElement>('#terms-choice')!;
const vendorName = document.querySelector<HTMLElement>('#vendor-name')!;

/**
 * The demo portal proceeds this long after the server's verdict. A real portal would go on at
 * once; here the person trying the demo should be able to read the verdict before the page leaves.
 */
const readingPauseMs = 1500;

let lang: Lang = langFromUrl();

/** What the vendor's server said about the consent, kept as data so it can be shown in either language. */
type Verdict =
  | { kind: 'checking' }
  | { kind: 'stored'; id: string; leaving: boolean }
  | { kind: 'refused'; code: string }
  | { kind: 'failed'; reason: string };

function verdictText(verdict: Verdict): string {
  const ja = lang === 'ja';
  switch (verdict.kind) {
    case 'checking':
      return ja ? 'サーバーで検証しています…' : 'Verifying on the server…';
    case 'stored': {
      const stored = ja ? `検証済み・保存しました (記録 ${verdict.id})。` : `Verified and stored (record ${verdict.id}).`;
      const leaving = ja ? 'まもなくオプティム社のサイトへ移動します…' : "Moving on to OPTiM's site…";
      return verdict.leaving ? `${stored}${ja ? '' : ' '}${leaving}` : stored;
    }
    case 'refused':
      return ja
        ? `検証できず、保存していません (${verdict.code})。オプティム社のサイトへは進みません。ページを読み込み直して、もう一度お試しください。`
        : `Not verified, so not stored (${verdict.code}). The portal does not go on to OPTiM's site: reload the page and try again.`;
    case 'failed':
      return ja
        ? `サーバーに保存できませんでした (${verdict.reason})。オプティム社のサイトへは進みません。ページを読み込み直して、もう一度お試しください。`
        : `The server could not store the consent (${verdict.reason}). The portal does not go on to OPTiM's site: reload the page and try again.`;
  }
}

/** None until the customer agrees. */
let verdict: Verdict | undefined;
const showVerdict = (next: Verdict | undefined) => {
  verdict = next;
  verdictLine.hidden = !next;
  if (!next) return;
  if (next.kind === 'checking') verdictLine.removeAttribute('data-ok');
  else verdictLine.dataset.ok = String(next.kind === 'stored');
  verdictLine.textContent = verdictText(next);
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

// A fresh challenge with each page, so the server can tie the record to this visit.
const challenge = fetch('/api/challenge').then((response) => response.json() as Promise<{ challenge: string }>);
challenge.then(({ challenge: value }) => (consent.challenge = value));

/** POSTs the consent to the demo's vendor API: anything but a verified, stored record is a failure. */
async function store(jws: string): Promise<Verdict> {
  try {
    const response = await fetch('/api/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jws }),
    });
    const answer = (await response.json().catch(() => undefined)) as { ok?: boolean; code?: string; record?: { id: string } } | undefined;
    if (response.ok && answer?.ok && answer.record) return { kind: 'stored', id: answer.record.id, leaving: true };
    return answer?.code ? { kind: 'refused', code: answer.code } : { kind: 'failed', reason: `HTTP ${response.status}` };
  } catch (error) {
    return { kind: 'failed', reason: String(error) };
  }
}

// The record is evidence only once the vendor's server has verified and kept it, so the
// portal holds the navigation (preventDefault), stores the record, then lets the element go on.
consent.addEventListener('consent', async (event) => {
  event.preventDefault();
  showVerdict({ kind: 'checking' });
  const stored = await store(event.detail.jws);
  showVerdict(stored);
  if (stored.kind === 'stored') setTimeout(() => consent.proceed(), readingPauseMs);
});

// Back from the provider page (back/forward cache): the portal has stopped leaving.
addEventListener('pageshow', (event) => {
  if (event.persisted && verdict?.kind === 'stored') showVerdict({ ...verdict, leaving: false });
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
  showVerdict(verdict);
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
