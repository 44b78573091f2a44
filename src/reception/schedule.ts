import { wallClock } from '../clock.js';
import type { ReceptionAttributes } from './attributes.js';
import { isJapaneseHoliday } from './holidays.js';

/** When the vendor takes remote-support requests (the terms: business days, 9:00–17:00, Japan time). */
export interface ReceptionSchedule {
  /** Weekdays open, 0 = Sunday. */
  days: number[];
  /** Minutes after midnight: open from, closed from. */
  open: number;
  close: number;
  timeZone: string;
  /** Whether Japan's national holidays are closed. */
  holidays: boolean;
  /** Closed days every year, as [month, day] ranges (inclusive; may wrap the year end). */
  closed: Array<[from: [number, number], to: [number, number]]>;
}

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Reads the `reception-*` attributes; undefined (with the reason) where one
 * cannot be understood, since a wrong "we are open" is worse than none.
 */
export function parseSchedule({ hours, days, closed, timeZone }: ReceptionAttributes): ReceptionSchedule | string {
  const time = /^(\d{1,2}):([0-5]\d)-(\d{1,2}):([0-5]\d)$/.exec(hours.trim());
  if (!time) return `reception-hours "${hours}" is not HH:MM-HH:MM`;
  const [open, close] = [+time[1]! * 60 + +time[2]!, +time[3]! * 60 + +time[4]!];
  if (!(open < close && close <= 24 * 60)) return `reception-hours "${hours}" does not open before it closes`;

  const openDays = new Set<number>();
  for (const token of days.toLowerCase().split(/\s+/).filter(Boolean)) {
    const names = token.split('-');
    const [from, to = from] = names.map((name) => dayNames.indexOf(name));
    if (names.length > 2 || from! < 0 || to! < 0) return `reception-days "${token}" is not a day (sun … sat) or range (mon-fri)`;
    for (let day = from!; ; day = (day + 1) % 7) {
      openDays.add(day);
      if (day === to) break;
    }
  }

  if (!openDays.size) return 'reception-days names no day';

  let holidays = false;
  const ranges: ReceptionSchedule['closed'] = [];
  for (const token of closed.split(/\s+/).filter(Boolean)) {
    if (token === 'jp-holidays') {
      holidays = true;
      continue;
    }
    const range = /^(\d{2})-(\d{2})(?:\/(\d{2})-(\d{2}))?$/.exec(token);
    if (!range) return `reception-closed "${token}" is not jp-holidays, MM-DD or MM-DD/MM-DD`;
    const from: [number, number] = [+range[1]!, +range[2]!];
    const to: [number, number] = range[3] ? [+range[3], +range[4]!] : from;
    if (![from, to].every(isCalendarDay)) return `reception-closed "${token}" names a day no year has`;
    ranges.push([from, to]);
  }

  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return `reception-time-zone "${timeZone}" is not a time zone`;
  }
  return { days: [...openDays].sort(), open, close, timeZone, holidays, closed: ranges };
}

/** A month and day that exist (in a leap year, so 02-29 counts). */
const isCalendarDay = ([month, day]: [number, number]): boolean =>
  new Date(Date.UTC(2024, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;

const within = ([month, day]: [number, number], [from, to]: ReceptionSchedule['closed'][number]): boolean => {
  const at = month * 100 + day;
  const [start, end] = [from[0] * 100 + from[1], to[0] * 100 + to[1]];
  return start <= end ? at >= start && at <= end : at >= start || at <= end;
};

/** Whether `date` falls within the reception hours. Informational: it never blocks consent. */
export function isReceptionOpen(schedule: ReceptionSchedule, date: Date): boolean {
  const { year, month, day, minutes, weekday } = wallClock(date, schedule.timeZone);
  return (
    schedule.days.includes(weekday) &&
    minutes >= schedule.open &&
    minutes < schedule.close &&
    !(schedule.holidays && isJapaneseHoliday(year, month, day)) &&
    !schedule.closed.some((range) => within([month, day], range))
  );
}
