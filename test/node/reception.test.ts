import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJapaneseHoliday } from '../../src/reception/holidays.js';
import { defaultReception as attributeDefaults, type ReceptionAttributes } from '../../src/reception/attributes.js';
import { isReceptionOpen, parseSchedule, type ReceptionSchedule } from '../../src/reception/schedule.js';
import { japaneseHolidays, receptionMoments } from '../vectors.js';

/** The defaults, with the hours the built-in terms name (hours have no default). */
const defaultReception: ReceptionAttributes = { ...attributeDefaults, hours: '09:00-17:00' };

const schedule = (overrides: Partial<ReceptionAttributes> = {}) => {
  const parsed = parseSchedule({ ...defaultReception, ...overrides });
  assert.notEqual(typeof parsed, 'string', String(parsed));
  return parsed as ReceptionSchedule;
};

describe("Japan's national holidays", () => {
  for (const [year, days] of Object.entries(japaneseHolidays)) {
    it(`are exactly the published ones in ${year}`, () => {
      const found: string[] = [];
      for (let date = new Date(Date.UTC(+year, 0, 1)); date.getUTCFullYear() === +year; date.setUTCDate(date.getUTCDate() + 1)) {
        if (isJapaneseHoliday(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) found.push(date.toISOString().slice(5, 10));
      }
      assert.deepEqual(found, days);
    });
  }
});

describe("Japan's national holidays, other years", () => {
  for (const [date, holiday, name] of [
    ['2023-01-02', true, 'a substitute for New Year on a Sunday'],
    ['2027-03-22', true, 'a substitute for the vernal equinox on a Sunday'],
    ['2029-04-30', true, "a substitute for Shōwa Day on a Sunday"],
    ['2032-09-21', true, "a citizens' holiday between Respect for the Aged Day and the equinox"],
    ['2033-09-23', true, 'the autumnal equinox'],
    ['2024-02-12', true, 'a substitute for Foundation Day on a Sunday'],
    ['2024-02-13', false, 'the day after a substitute'],
  ] as const) {
    it(`${holiday ? 'knows' : 'does not invent'} ${date}: ${name}`, () => {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      assert.equal(isJapaneseHoliday(year, month, day), holiday);
    });
  }
});

describe('reception hours', () => {
  for (const [moment, open, name] of receptionMoments) {
    it(`${open ? 'open' : 'closed'}: ${name}`, () => {
      assert.equal(isReceptionOpen(schedule(), new Date(moment)), open);
    });
  }

  it('follows the configured days, hours, closures and time zone', () => {
    const saturday = new Date('2026-11-28T10:00:00+09:00');
    assert.equal(isReceptionOpen(schedule({ days: 'mon-sat' }), saturday), true);
    assert.equal(isReceptionOpen(schedule({ hours: '10:30-12:00' }), new Date('2026-11-25T10:29:00+09:00')), false);
    assert.equal(isReceptionOpen(schedule({ closed: '' }), new Date('2026-12-30T10:00:00+09:00')), true);
    assert.equal(isReceptionOpen(schedule({ closed: '11-25' }), new Date('2026-11-25T10:00:00+09:00')), false);
    assert.equal(isReceptionOpen(schedule({ closed: '' }), new Date('2026-11-23T10:00:00+09:00')), true, 'holidays only when jp-holidays is listed');
    assert.equal(isReceptionOpen(schedule({ timeZone: 'Europe/London' }), new Date('2026-11-25T10:00:00Z')), true);
    assert.equal(isReceptionOpen(schedule({ timeZone: 'Europe/London' }), new Date('2026-11-25T10:00:00+09:00')), false);
  });

  for (const [name, overrides] of [
    ['hours that are no hours', { hours: '9-17' }],
    ['hours that close before they open', { hours: '17:00-09:00' }],
    ['a day that is no day', { days: 'mon funday' }],
    ['a closure that is no date', { closed: 'christmas' }],
    ['a time zone that does not exist', { timeZone: 'Asia/Atlantis' }],
    ['minutes past 59', { hours: '09:75-17:00' }],
    ['no days at all', { days: '' }],
    ['a range of three days', { days: 'mon-fri-sun' }],
    ['a month that does not exist', { closed: '13-01' }],
    ['a day the month does not have', { closed: '02-30' }],
  ] as const) {
    it(`explains, rather than guesses, ${name}`, () => {
      assert.equal(typeof parseSchedule({ ...defaultReception, ...overrides }), 'string');
    });
  }
});
