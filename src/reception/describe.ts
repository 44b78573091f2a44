import type { ReceptionMessages } from './messages.js';
import type { UiLang } from '../lang.js';
import type { ReceptionSchedule } from './schedule.js';

/** "受付時間: 月〜金、9:00〜17:00(日本時間)。祝日、12月29日〜1月3日は休業です。", in the UI language, with Intl's names, times and dates. */
export function describeSchedule(schedule: ReceptionSchedule, m: ReceptionMessages, lang: UiLang): string {
  const to = m['range-separator']();
  const list = (items: string[]) => items.join(m['list-separator']());
  const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
  const weekday = utc({ weekday: 'short' });
  const time = utc({ hour: 'numeric', minute: '2-digit' });
  const date = utc({ month: 'short', day: 'numeric' });
  // 2023-01-01 was a Sunday: day n of the week is January n + 1.
  const dayName = (day: number) => weekday.format(Date.UTC(2023, 0, day + 1));
  const runs: string[] = [];
  const days = [...schedule.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j]! + 1) % 7) j++;
    runs.push(j - i >= 2 ? `${dayName(days[i]!)}${to}${dayName(days[j]!)}` : list(days.slice(i, j + 1).map(dayName)));
    i = j + 1;
  }
  const day = ([month, dayOfMonth]: [number, number]) => date.format(Date.UTC(2024, month - 1, dayOfMonth));
  const closed = [
    ...(schedule.holidays ? [m.holidays()] : []),
    ...schedule.closed.map(([from, until]) => (from.join() === until.join() ? day(from) : `${day(from)}${to}${day(until)}`)),
  ];
  const hours = `${time.format(schedule.open * 60_000)}${to}${time.format(schedule.close * 60_000)}`;
  const zone = schedule.timeZone === 'Asia/Tokyo' ? m['japan-time']() : schedule.timeZone;
  return m['reception-hours'](list(runs), hours, zone) + (closed.length ? m['reception-except'](list(closed)) : '');
}
