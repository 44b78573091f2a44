import type { ConsentRecord } from '../../src/index.js';
import { builtInTerms, type TermsDocument } from '../../src/terms/index.js';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';
import { langFromUrl, setPageLang } from '../lang.js';

// The operator's side of the demo: look a consent up by the number the customer reads out, and see
// the record, checked again here with the verifier, beside the exact terms text it names.
/** What the portal shows: the built-in terms and the demo vendor's own document. */
const publishedTerms = fetch('../terms/vendor-terms.json')
  .then((answer) => answer.json())
  .then((vendor: unknown) => [...builtInTerms, vendor]);

const lang = langFromUrl();
setPageLang(lang);
const ja = lang === 'ja';

/** The demo server's operatorToken (vite.config.ts). A real operator page never carries it. */
const demoToken = 'demo-operator-token';

/** What the server kit's look-up answers. */
interface Evidence {
  record: ConsentRecord;
  jws: string;
  terms: TermsDocument;
  reference: string;
  storedAt: string;
}

const form = document.querySelector<HTMLFormElement>('#look-up')!;
const referenceInput = document.querySelector<HTMLInputElement>('#reference')!;
const tokenInput = document.querySelector<HTMLInputElement>('#token')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;
const evidenceView = document.querySelector<HTMLElement>('#evidence')!;
tokenInput.value = demoToken;
referenceInput.value = new URL(location.href).searchParams.get('reference') ?? '';

const say = (text: string, ok?: boolean) => {
  status.textContent = text;
  if (ok === undefined) status.removeAttribute('data-ok');
  else status.dataset.ok = String(ok);
};

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
};

const when = (date: Date) => date.toLocaleString(lang, { dateStyle: 'long', timeStyle: 'long', timeZone: 'Asia/Tokyo' });

function show({ record, terms, reference, storedAt }: Evidence): void {
  document.querySelector('#evidence-title')!.textContent = ja ? `同意番号 ${reference}` : `Consent number ${reference}`;
  const facts: Array<[string, string, string | undefined]> = [
    ['同意した日時', 'Agreed at', when(new Date(record.iat * 1000))],
    ['保存した日時', 'Stored at', when(new Date(storedAt))],
    ['お客様の識別子', 'Customer reference', record.subject],
    ['同意確認書', 'Terms', `${terms.title} (${record.terms.id} ${record.terms.version} ${record.terms.locale})`],
    ['同意確認書のダイジェスト', 'Terms digest', record.terms.sha256],
    ['同意した画面', 'Agreed on', record.origin],
    ['移動先', 'Handed over to', record.redirect],
    ['記録 ID', 'Record id', record.id],
  ];
  const list = document.querySelector('#facts')!;
  list.replaceChildren(...facts.filter(([, , value]) => value).flatMap(([jaName, enName, value]) => [element('dt', ja ? jaName : enName), element('dd', value)]));
  document.querySelector('#terms-title')!.textContent = terms.title;
  const clauses = element('ol');
  clauses.append(...terms.clauses.map((clause) => element('li', clause)));
  document
    .querySelector('#terms')!
    .replaceChildren(...(terms.preamble ?? []).map((line) => element('p', line)), clauses, ...(terms.closing ? [element('p', terms.closing)] : []));
  evidenceView.hidden = false;
}

/**
 * The evidence checked here again, against the terms this portal publishes (not the copy the server
 * sent): the signature, and that the record names one of them by its digest. Its age is no matter
 * now; the challenge was the server's to check when it stored the consent.
 */
async function check(evidence: Evidence): Promise<string | undefined> {
  try {
    const record = await verifyConsent(evidence.jws, { terms: await publishedTerms, now: new Date(evidence.record.iat * 1000) });
    return JSON.stringify(record) === JSON.stringify(evidence.record) ? undefined : 'record-differs';
  } catch (error) {
    if (error instanceof ConsentVerificationError) return error.code;
    throw error;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  evidenceView.hidden = true;
  const reference = referenceInput.value.trim().toUpperCase();
  say(ja ? '照会しています…' : 'Looking up…');
  let answer: Response;
  try {
    answer = await fetch(`/api/consents/${encodeURIComponent(reference)}`, { headers: { authorization: `Bearer ${tokenInput.value}` } });
  } catch (error) {
    return say(ja ? `サーバーに接続できませんでした (${String(error)})。` : `Could not reach the server (${String(error)}).`, false);
  }
  if (answer.status === 401) return say(ja ? '担当者トークンが違います。' : 'The operator token is wrong.', false);
  if (answer.status === 404) return say(ja ? `同意番号 ${reference} の記録はありません。` : `There is no consent numbered ${reference}.`, false);
  if (!answer.ok) return say(ja ? `照会できませんでした (HTTP ${answer.status})。` : `The look-up failed (HTTP ${answer.status}).`, false);
  const evidence = (await answer.json().catch(() => undefined)) as Evidence | undefined;
  if (!evidence?.jws) return say(ja ? '照会の答えを読めませんでした。' : 'The answer to the look-up could not be read.', false);
  const problem = await check(evidence);
  show(evidence);
  say(
    problem
      ? ja
        ? `この記録は検証できません (${problem})。接続しないでください。`
        : `This record does not verify (${problem}). Do not connect.`
      : ja
        ? '署名と、ポータルが掲載している同意確認書との一致を、このページで検証しました。'
        : 'Signature and match with the terms the portal publishes verified on this page.',
    !problem,
  );
});

// Opened from the portal's verdict with `?reference=`: look it up at once.
if (referenceInput.value) form.requestSubmit();
