/** The wall-clock date and time at `date` in `timeZone`, read from Intl's parts (engines format dates differently). */
export function wallClock(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(date)
      .map(({ type, value }) => [type, +value]),
  );
  const { year, month, day, hour, minute } = parts as Record<string, number>;
  return { year: year!, month: month!, day: day!, minutes: hour! * 60 + minute!, weekday: new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay() };
}
