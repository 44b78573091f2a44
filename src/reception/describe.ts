import type { Catalog } from '../i18n/catalog.js';
import type { UiLang } from '../lang.js';
import type { ReceptionSchedule } from './schedule.js';

const time = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** "受付時間: 月〜金 9:00〜17:00(祝日、12/29〜1/3を除く)", in the UI language. */
export function describeSchedule(schedule: ReceptionSchedule, m: Catalog, lang: UiLang): string {
  const to = m['range-separator']();
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday: day n of the week is January n + 1.
  const dayName = (day: number) => weekday.format(Date.UTC(2023, 0, day + 1));
  const runs: string[] = [];
  const days = [...schedule.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j]! + 1) % 7) j++;
    runs.push(j - i >= 2 ? `${dayName(days[i]!)}${to}${dayName(days[j]!)}` : days.slice(i, j + 1).map(dayName).join(m['list-separator']()));
    i = j + 1;
  }
  const closed = [
    ...(schedule.holidays ? [m.holidays()] : []),
    ...schedule.closed.map(([from, until]) =>
      from[0] === until[0] && from[1] === until[1] ? `${from[0]}/${from[1]}` : `${from[0]}/${from[1]}${to}${until[0]}/${until[1]}`,
    ),
  ];
  const hours = `${time(schedule.open)}${to}${time(schedule.close)}${closed.length ? m['reception-except'](closed.join(m['list-separator']())) : ''}`;
  return m['reception-hours'](runs.join(m['list-separator']()), hours);
}
