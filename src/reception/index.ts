import { translate, type Templates } from '../i18n/index.js';
import type { UiLang } from '../lang.js';
import type { ReceptionAttributes } from './attributes.js';
import { describeSchedule } from './describe.js';
import { receptionMessages, type ReceptionMessages } from './messages.js';
import { isReceptionOpen, parseSchedule } from './schedule.js';

/** The reception notice, ready to render. */
export interface ReceptionNotice {
  /** What it says at `date`, in `lang` (from that language's `templates`): the hours, and whether it is within them. */
  at(date: Date, lang: UiLang, templates: Templates): { open: boolean; hours: string; now: string };
}

const translated = new WeakMap<Templates, ReceptionMessages>();

/**
 * The notice for the `reception-*` attributes, or why there can be none.
 * A lazy chunk, with its own messages: only a page that sets `reception-hours` loads it.
 */
export function receptionNotice(attributes: ReceptionAttributes): ReceptionNotice | string {
  const schedule = parseSchedule(attributes);
  if (typeof schedule === 'string') return schedule;
  return {
    at(date, lang, templates) {
      let m = translated.get(templates);
      if (!m) translated.set(templates, (m = translate(receptionMessages, templates)));
      const open = isReceptionOpen(schedule, date);
      return { open, hours: describeSchedule(schedule, m, lang), now: open ? m['reception-open']() : m['reception-closed']() };
    },
  };
}
