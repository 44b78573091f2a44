import { translate } from '../i18n/index.js';
import type { UiLang } from '../lang.js';
import type { ReceptionAttributes } from './attributes.js';
import { describeSchedule } from './describe.js';
import { templates as en } from './locales/en.js';
import { receptionMessages, type ReceptionMessages } from './messages.js';
import { isReceptionOpen, parseSchedule } from './schedule.js';

/** The reception notice, ready to render. */
export interface ReceptionNotice {
  /** What it says at `date`, in `lang`: the hours, and whether it is within them. */
  at(date: Date, lang: UiLang): { open: boolean; hours: string; now: string };
}

/** Its messages in every language travel with it: a few hundred bytes that pages without the notice never load. */
const messages: Record<UiLang, ReceptionMessages> = { ja: receptionMessages, en: translate(receptionMessages, en) };

/**
 * The notice for the `reception-*` attributes, or why there can be none.
 * A lazy chunk: only a page that sets `reception-hours` loads it.
 */
export function receptionNotice(attributes: ReceptionAttributes): ReceptionNotice | string {
  const schedule = parseSchedule(attributes);
  if (typeof schedule === 'string') return schedule;
  return {
    at(date, lang) {
      const m = messages[lang];
      const open = isReceptionOpen(schedule, date);
      return { open, hours: describeSchedule(schedule, m, lang), now: open ? m['reception-open']() : m['reception-closed']() };
    },
  };
}
