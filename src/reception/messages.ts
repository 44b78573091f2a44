import { msg, str } from '../i18n/msg.js';
import { templates } from './locales/ja.js';

/**
 * What the reception notice says, as written in the source language, like src/i18n/catalog.ts. Its
 * translations have a lit-localize configuration of their own (lit-localize.reception.json, with
 * locales/reception/*.xlf), so every language's functions, generated into ./locales/, travel in the
 * notice's lazy chunk rather than in every page's strings.
 */
export const sourceMessages = {
  'reception-hours': (days: string, hours: string, zone: string) =>
    msg(str`受付時間: ${days}、${hours}(${zone})。`, { id: 'rsc-reception-hours' }),
  'japan-time': () => msg('日本時間', { id: 'rsc-japan-time' }),
  'reception-except': (days: string) => msg(str`${days}は休業です。`, { id: 'rsc-reception-except' }),
  holidays: () => msg('祝日', { id: 'rsc-holidays' }),
  'list-separator': () => msg('、', { id: 'rsc-list-separator' }),
  'range-separator': () => msg('〜', { id: 'rsc-range-separator' }),
  'reception-open': () => msg('ただいま受付時間内です。', { id: 'rsc-reception-open' }),
  'reception-closed': () =>
    msg('ただいま受付時間外です。担当者が必要と判断した場合は、時間外でも対応することがあります。', { id: 'rsc-reception-closed' }),
};

export type ReceptionMessages = typeof sourceMessages;

/** The notice's messages in the source language, as generated from the ones above. */
export const receptionMessages: ReceptionMessages = templates;
