/**
 * Japan's national holidays (国民の祝日に関する法律) as the law stands since
 * 2020: fixed days, Happy Monday days, the equinoxes by the usual formula
 * (good for 1980–2099), 振替休日 (a holiday on a Sunday moves to the next
 * working day) and 国民の休日 (a day between two holidays). Computed, so no
 * table goes stale; one-off laws (like the 2020–2021 Olympic moves) are not known.
 */
export function isJapaneseHoliday(year: number, month: number, day: number): boolean {
  if (isNamedHoliday(year, month, day)) return true;
  // 振替休日: walk back over the holidays just before; a Sunday among them moves here.
  for (let back = 1; isNamedHoliday(...shift(year, month, day, -back)); back++) {
    if (weekday(...shift(year, month, day, -back)) === 0) return weekday(year, month, day) !== 0;
  }
  // 国民の休日: a weekday squeezed between two holidays.
  return weekday(year, month, day) !== 0 && isNamedHoliday(...shift(year, month, day, -1)) && isNamedHoliday(...shift(year, month, day, 1));
}

type Ymd = [year: number, month: number, day: number];

const weekday = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

function shift(year: number, month: number, day: number, days: number): Ymd {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** The n-th Monday of a month, as a day of the month. */
const nthMonday = (year: number, month: number, n: number): number => 1 + ((8 - weekday(year, month, 1)) % 7) + (n - 1) * 7;

const equinox = (year: number, base: number): number =>
  Math.floor(base + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));

const fixed = new Set(['1-1', '2-11', '2-23', '4-29', '5-3', '5-4', '5-5', '8-11', '11-3', '11-23']);

function isNamedHoliday(year: number, month: number, day: number): boolean {
  if (fixed.has(`${month}-${day}`)) return true;
  switch (month) {
    case 1:
    case 10:
      return day === nthMonday(year, month, 2);
    case 7:
    case 9:
      return day === nthMonday(year, month, 3) || (month === 9 && day === equinox(year, 23.2488));
    case 3:
      return day === equinox(year, 20.8431);
    default:
      return false;
  }
}
