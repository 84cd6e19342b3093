/**
 * The string formats an xAPI 2.0 statement uses (IEEE 9274.1.1 §4.2.7, xAPI 1.0.3 where 2.0 is silent).
 * Each is a predicate; the caller names the path in its refusal.
 */

// RFC 3987 scheme: a letter, then letters, digits, "+", "-" or "."; an IRI here is a scheme, a colon and no whitespace.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/u;
// A locator must be something that can be fetched: a scheme followed by "//" and an authority.
const IRL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/u;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/;
const SHA1_HEX = /^[0-9a-fA-F]{40}$/;
// SHA-224/256/384/512 as hex (the X-Experience-API-Hash header and the attachment part hash use hex).
const SHA2_HEX = /^(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$/;
// RFC 2045 type/subtype with optional parameters.
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[^\s;"]+))*\s*$/;

/** RFC 5646 language tag (langtag | privateuse | grandfathered), checked by its sequence of subtag lengths. */
const LANGTAG = new RegExp(
  '^(?:' +
    '(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})' + // language (+ extlang)
    '(?:-[A-Za-z]{4})?' + // script
    '(?:-(?:[A-Za-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*' + // variants
    '(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*' + // extensions
    '(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?' + // private use
    '|[xX](?:-[A-Za-z0-9]{1,8})+' +
    '|en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu' +
    '|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang' +
    ')$',
  'i',
);

// ISO 8601:2004 §4.4.3.2 durations: PnYnMnDTnHnMnS (any part may be left out, a decimal fraction allowed) or PnW.
const NUM = String.raw`\d+(?:[.,]\d+)?`;
const DURATION = new RegExp(
  `^P(?:(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?|${NUM}W)$`,
);

// ISO 8601 date-time, extended or basic format (seconds, fraction and time zone designator optional); the
// conformance requirements (XAPI-00123) accept either. Both patterns capture the same groups in the same order.
const TIMESTAMP_FORMATS = [
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})([.,]\d+)?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?$/i,
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})([.,]\d+)?)?(Z|[+-](\d{2})(\d{2})?)?$/i,
];

export const isIri = (value: string): boolean => IRI.test(value);
export const isIrl = (value: string): boolean => IRL.test(value);
export const isUuid = (value: string): boolean => UUID.test(value);
export const isMailto = (value: string): boolean => MAILTO.test(value);
export const isSha1Hex = (value: string): boolean => SHA1_HEX.test(value);
export const isSha2Hex = (value: string): boolean => SHA2_HEX.test(value);
export const isMediaType = (value: string): boolean => MEDIA_TYPE.test(value);
export const isLanguageTag = (value: string): boolean => LANGTAG.test(value);

/** "P" alone and a "T" with nothing after it are not durations, though the pattern's parts are all optional. */
export function isDuration(value: string): boolean {
  return DURATION.test(value) && value !== 'P' && !value.endsWith('T');
}

interface TimestampParts {
  year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number;
  offsetMinutes: number;
}

/**
 * Reads an ISO 8601 date-time. The time zone is optional: xAPI 1.0.3 says a timestamp SHOULD (not MUST)
 * include one, and 9274 says convert to UTC rather than reject, so a timestamp without one is read as UTC.
 * The RFC 3339 "unknown local offset" forms -00, -0000 and -00:00 are refused (the conformance suite's rule).
 */
function readTimestamp(value: string): TimestampParts | undefined {
  const match = TIMESTAMP_FORMATS.map((format) => format.exec(value)).find((found) => found !== null);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z', zoneHour = '0', zoneMinute = '0'] = match;
  if (zone.startsWith('-') && Number(zoneHour) === 0 && Number(zoneMinute) === 0) return undefined;
  const parts = {
    year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second),
    millisecond: Number(fraction.slice(1, 4).padEnd(3, '0')),
    offsetMinutes: (zone.startsWith('-') ? -1 : 1) * (Number(zoneHour) * 60 + Number(zoneMinute)),
  };
  if (Number(zoneHour) > 23 || Number(zoneMinute) > 59) return undefined;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
  return parts.month >= 1 && parts.month <= 12 && parts.day >= 1 && parts.day <= daysInMonth ? parts : undefined;
}

export const isTimestamp = (value: string): boolean => readTimestamp(value) !== undefined;

/**
 * The timestamp in UTC with millisecond precision, e.g. "2026-12-05T17:00:00.000Z" (9274 §4.2.7: convert
 * to UTC; round to at least milliseconds). `new Date(text)` is not used: it reads a zone-less time as local time.
 */
export function toUtcTimestamp(value: string): string {
  const parts = readTimestamp(value);
  if (!parts) throw new RangeError(`Not an xAPI timestamp: ${value}`);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
  return new Date(local - parts.offsetMinutes * 60_000).toISOString();
}

/** The statement version: 2.0.x, or 1.0.x from a statement first stored by an older LRS (the suite accepts "1.0"). */
export const isStatementVersion = (value: string): boolean => /^(?:1\.0|2\.0)(?:\.\d+)?$/.test(value);
