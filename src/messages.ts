import type { ConsentErrorCode } from './errors.js';
import type { UiLang } from './lang.js';
import type { Outcome } from './state.js';

/** Everything the element says to the customer, in one language. */
export interface Messages {
  instruction: string;
  notice: string;
  loading: string;
  version: (version: string) => string;
  effective: (date: string) => string;
  agree: string;
  decline: string;
  retry: string;
  signing: string;
  redirecting: string;
  done: Record<Outcome, string>;
  openSite: (host: string) => string;
  cameBack: string;
  declined: string;
  reconsider: string;
  errors: Record<ConsentErrorCode, string>;
}

const contactSupport = 'サポート窓口にお問い合わせください。';

/** The Japanese strings; the first two are the seed's own lines, verbatim. */
const ja: Messages = {
  instruction: '同意確認書の内容を確認して、同意ボタンをクリックしてください。',
  notice: 'リモートコネクトサポート(外部サイト)に接続します。',
  loading: '同意確認書を読み込んでいます…',
  version: (version) => `版: ${version}`,
  effective: (date) => `施行日: ${date}`,
  agree: '同意する',
  decline: '同意しない',
  retry: 'もう一度読み込む',
  signing: '同意を記録しています…',
  redirecting: '同意を記録しました。リモートサポートの外部サイトへ移動しています…',
  done: {
    recorded: '同意を記録しました。',
    opened: '同意を記録し、リモートサポートの外部サイトを新しいタブで開きました。開かない場合は次のリンクから進んでください。',
    blocked: '同意を記録しました。ブラウザが新しいタブを開くのを止めたため、次のリンクから進んでください。',
    returned: '同意は記録済みです。もう一度同意する必要はありません。リモートサポートの外部サイトへは次のリンクから進めます。',
  },
  openSite: (host) => `リモートサポートの外部サイトを開く(${host})`,
  cameBack: 'ブラウザの「戻る」でこのページを開き直しました。ここで同意すると、新しい同意として記録されます。',
  declined: '同意されなかったため、リモートサポートは開始しません。',
  reconsider: '同意確認書に戻る',
  errors: {
    'terms-fetch-failed': '同意確認書を読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。',
    'terms-invalid': `同意確認書の形式に誤りがあるため表示できません。${contactSupport}`,
    'terms-integrity-mismatch': `同意確認書が指定の内容と一致しないため表示できません。${contactSupport}`,
    'terms-version-unknown': `指定された版の同意確認書が見つかりません。${contactSupport}`,
    'insecure-context': `このページは安全な接続(https)で開かれていないため、同意を受け付けられません。${contactSupport}`,
    'sign-failed': '同意を記録できませんでした。もう一度お試しください。',
    'redirect-not-allowed': `接続先の設定に誤りがあるため、リモートサポートを開始できません。${contactSupport}`,
    'redirect-not-configured': `接続先が設定されていないため、リモートサポートを開始できません。${contactSupport}`,
  },
};

const contactSupportEn = 'Please contact support.';

const en: Messages = {
  instruction: 'Please read the consent form, then click the agree button.',
  notice: 'You will be connected to Remote Connect Support (an external site).',
  loading: 'Loading the consent form…',
  version: (version) => `Version ${version}`,
  effective: (date) => `Effective ${date}`,
  agree: 'I agree',
  decline: 'I do not agree',
  retry: 'Try again',
  signing: 'Recording your consent…',
  redirecting: 'Your consent has been recorded. Taking you to the remote-support site (an external site)…',
  done: {
    recorded: 'Your consent has been recorded.',
    opened: 'Your consent has been recorded and the remote-support site opened in a new tab. If it did not open, use the link below.',
    blocked: 'Your consent has been recorded. Your browser stopped the new tab from opening, so please use the link below.',
    returned: 'Your consent is already recorded; there is no need to agree again. The link below takes you to the remote-support site.',
  },
  openSite: (host) => `Open the remote-support site (${host})`,
  cameBack: 'This page was opened again with the browser\'s Back button. If you agree here, it is recorded as a new consent.',
  declined: 'You did not agree, so remote support will not start.',
  reconsider: 'Back to the consent form',
  errors: {
    'terms-fetch-failed': 'The consent form could not be loaded. Please check your connection and try again.',
    'terms-invalid': `The consent form is not in the expected format and cannot be shown. ${contactSupportEn}`,
    'terms-integrity-mismatch': `The consent form does not match the expected text and cannot be shown. ${contactSupportEn}`,
    'terms-version-unknown': `The requested version of the consent form was not found. ${contactSupportEn}`,
    'insecure-context': `This page is not on a secure (https) connection, so consent cannot be taken. ${contactSupportEn}`,
    'sign-failed': 'Your consent could not be recorded. Please try again.',
    'redirect-not-allowed': `Remote support cannot start because its destination is misconfigured. ${contactSupportEn}`,
    'redirect-not-configured': `Remote support cannot start because no destination is configured. ${contactSupportEn}`,
  },
};

export const messages: Record<UiLang, Messages> = { ja, en };

/** A calendar date (YYYY-MM-DD) written the way the language writes dates. */
export const formatDate = (date: string, lang: UiLang): string =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
