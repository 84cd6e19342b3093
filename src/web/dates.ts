/**
 * Dates as NHS pages write them ("27 November 2026", "27 November 2026, 9:05am"). Instants are
 * shown in England's time zone; calendar dates (ISO yyyy-mm-dd, no time) as they are.
 */

const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const calendarDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** The day an instant falls on in England. */
export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

/** An ISO calendar date (yyyy-mm-dd), which has no time zone to convert. */
export function formatIsoDate(iso: string): string {
  return calendarDate.format(new Date(`${iso}T00:00:00Z`));
}

/** An instant with its time in England, like "27 November 2026, 9:05am". */
export const formatDateTime = (date: Date): string => dateTime.format(date).replace(/\s([ap]m)$/i, (_, half: string) => half.toLowerCase());
