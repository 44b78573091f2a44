import { templates } from './locales/ja.js';
import { msg, str } from './msg.js';

/**
 * Everything the element says to the customer, as written in the source language (Japanese; the
 * first two messages are the seed's own lines), but for the reception notice's own messages, which
 * travel in its lazy chunk with their translations.
 *
 * lit-localize's extractor reads these `msg` calls (their text and ids) into locales/*.xlf, where
 * they are translated; `npm run localize` then writes every language, this one included, as plain
 * functions in ./locales/<lang>.ts (scripts/catalogs.mjs). The page runs those: this object is the
 * source and the type, and a build leaves it out, ids and all.
 *
 * A key is its message id without the `rsc-` prefix, and a message's placeholders are its
 * function's parameters, each one used, first in the order they are declared. The element never
 * calls `configureLocalization`: a host page that localizes itself with @lit/localize keeps its
 * locale, and its translations can never answer for ours.
 */
export const sourceMessages = {
  instruction: () => msg('同意確認書の内容を確認して、同意ボタンをクリックしてください。', { id: 'rsc-instruction' }),
  notice: () => msg('リモートコネクトサポート(外部サイト)に接続します。', { id: 'rsc-notice' }),
  loading: () => msg('同意確認書を読み込んでいます…', { id: 'rsc-loading' }),
  version: (version: string) => msg(str`版: ${version}`, { id: 'rsc-version' }),
  effective: (date: string) => msg(str`施行日: ${date}`, { id: 'rsc-effective' }),
  'terms-language': (language: string) => msg(str`この同意確認書は${language}で書かれています。`, { id: 'rsc-terms-language' }),
  agree: () => msg('同意する', { id: 'rsc-agree' }),
  decline: () => msg('同意しない', { id: 'rsc-decline' }),
  retry: () => msg('もう一度読み込む', { id: 'rsc-retry' }),
  signing: () => msg('同意を記録しています…', { id: 'rsc-signing' }),
  redirecting: () => msg('同意を記録しました。リモートサポートの外部サイトへ移動しています…', { id: 'rsc-redirecting' }),
  'done-recorded': () => msg('同意を記録しました。', { id: 'rsc-done-recorded' }),
  'done-opened': () =>
    msg('同意を記録し、リモートサポートの外部サイトを新しいタブで開きました。開かない場合は次のリンクから進んでください。', { id: 'rsc-done-opened' }),
  'done-blocked': () =>
    msg('同意を記録しました。ブラウザが新しいタブを開くのを止めたため、次のリンクから進んでください。', { id: 'rsc-done-blocked' }),
  'done-returned': () =>
    msg('同意は記録済みです。もう一度同意する必要はありません。リモートサポートの外部サイトへは次のリンクから進めます。', { id: 'rsc-done-returned' }),
  // With consent-url, under the done and redirecting messages: the reference the vendor's server stored the consent under.
  // Not 受付番号: that is the number OPTiM's client shows next, which the customer also reads out.
  'reference-label': () => msg('同意番号:', { id: 'rsc-reference-label' }),
  'reference-hint': () => msg('お電話でサポート担当者にこの同意番号をお伝えください。', { id: 'rsc-reference-hint' }),
  'open-site': (host: string) => msg(str`リモートサポートの外部サイトを開く(${host})`, { id: 'rsc-open-site' }),
  'came-back': () => msg('ブラウザの「戻る」でこのページを開き直しました。ここで同意すると、新しい同意として記録されます。', { id: 'rsc-came-back' }),
  declined: () => msg('同意されなかったため、リモートサポートは開始しません。', { id: 'rsc-declined' }),
  reconsider: () => msg('同意確認書に戻る', { id: 'rsc-reconsider' }),
  'error-terms-fetch-failed': () =>
    msg('同意確認書を読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。', { id: 'rsc-error-terms-fetch-failed' }),
  // Also terms-fetch-failed, when the server answered with an HTTP error: the customer's connection works, so
  // these do not send them to check it. A server error (5xx) may pass; any other answer will not.
  'error-terms-fetch-server-error': () =>
    msg('同意確認書のサーバーが一時的に利用できないため、読み込めませんでした。しばらくしてからもう一度お試しいただくか、サポート窓口にお問い合わせください。', {
      id: 'rsc-error-terms-fetch-server-error',
    }),
  'error-terms-fetch-refused': () =>
    msg('同意確認書をサーバーから取得できなかったため、表示できません。お手数ですが、サポート窓口にお問い合わせください。', {
      id: 'rsc-error-terms-fetch-refused',
    }),
  'error-terms-invalid': () =>
    msg('同意確認書の形式に誤りがあるため表示できません。サポート窓口にお問い合わせください。', { id: 'rsc-error-terms-invalid' }),
  'error-terms-integrity-mismatch': () =>
    msg('同意確認書が指定の内容と一致しないため表示できません。サポート窓口にお問い合わせください。', { id: 'rsc-error-terms-integrity-mismatch' }),
  'error-terms-version-unknown': () =>
    msg('指定された版の同意確認書が見つかりません。サポート窓口にお問い合わせください。', { id: 'rsc-error-terms-version-unknown' }),
  'error-insecure-context': () =>
    msg('このページは安全な接続(https)で開かれていないため、同意を受け付けられません。サポート窓口にお問い合わせください。', {
      id: 'rsc-error-insecure-context',
    }),
  'error-sign-failed': () => msg('同意を記録できませんでした。もう一度お試しください。', { id: 'rsc-error-sign-failed' }),
  'error-consent-not-stored': () => msg('同意を保存できませんでした。もう一度お試しください。', { id: 'rsc-error-consent-not-stored' }),
  'error-redirect-not-allowed': () =>
    msg('接続先の設定に誤りがあるため、リモートサポートを開始できません。サポート窓口にお問い合わせください。', {
      id: 'rsc-error-redirect-not-allowed',
    }),
  'error-redirect-not-configured': () =>
    msg('接続先が設定されていないため、リモートサポートを開始できません。サポート窓口にお問い合わせください。', {
      id: 'rsc-error-redirect-not-configured',
    }),
};

export type Catalog = typeof sourceMessages;

/** The messages in the source language, as generated from the ones above. */
export const catalog: Catalog = templates;
