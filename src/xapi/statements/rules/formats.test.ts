import { describe, expect, it } from 'vitest';
import {
  isDuration, isIri, isIrl, isLanguageTag, isMailto, isMediaType, isSha1Hex, isSha2Hex, isStatementVersion, isTimestamp, isUuid, toUtcTimestamp,
} from './formats.ts';

/** Each format with values that must pass and values that must not (9274.1.1 §4.2.7; XAPI-00007 non-format-following values). */
const table: [name: string, check: (value: string) => boolean, valid: string[], invalid: string[]][] = [
  ['IRI (XAPI-00007, XAPI-00044, XAPI-00118)', isIri,
    ['http://adlnet.gov/expapi/verbs/attended', 'urn:uuid:6690e6c9', 'tag:example.com,2026:x', 'https://例え.jp/動詞', 'mailto:a@b.example', 'x-custom+v1.2:thing'],
    ['', 'attended', 'should fail', 'ab=c://should.fail.com', '1http://x', 'http://has space.example', 'http:', ':no-scheme']],
  ['IRL (XAPI-00042, XAPI-00061, XAPI-00104)', isIrl,
    ['http://www.example.com', 'https://example.com/a?b=c#d', 'ftp://files.example/x.txt'],
    ['', 'should fail', 'example.com', 'urn:isbn:123', 'http://', 'http:///path', 'ab=c://should.fail.com']],
  ['UUID (XAPI-00029)', isUuid,
    ['fd41c918-b88b-4b20-a0a5-a4c32391aaa0', 'AA97B177-9383-4934-8543-0F91A7A02836'],
    ['', 'AA97B177-9383-4934-8543-0F91A7A028368', 'MA97B177-9383-4934-8543-0F91A7A02836', 'fd41c918b88b4b20a0a5a4c32391aaa0', '{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}']],
  ['mailto IRI (XAPI-00038)', isMailto,
    ['mailto:xapi@adlnet.gov', 'mailto:first.last+tag@sub.example.org'],
    ['', 'xapi@adlnet.gov', 'mailto:should.fail.com', 'http://should.fail.com', 'mailto:', 'mailto:a @b.example', 'MAILTO:a@b.example']],
  ['SHA-1 hex (XAPI-00039)', isSha1Hex, ['cd9b00a5611f94eaa7b1661edab976068e364975', 'CD9B00A5611F94EAA7B1661EDAB976068E364975'],
    ['', 'cd9b00a5611f94eaa7b1661edab976068e36497', 'zd9b00a5611f94eaa7b1661edab976068e364975']],
  ['SHA-2 hex (XAPI-00103)', isSha2Hex, ['495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a', 'a'.repeat(56), 'b'.repeat(96), 'c'.repeat(128)],
    ['', 'abc', 'cd9b00a5611f94eaa7b1661edab976068e364975', 'g'.repeat(64)]],
  ['media type (XAPI-00105)', isMediaType, ['text/plain', 'text/plain; charset=ascii', 'application/octet-stream', 'image/svg+xml', 'multipart/mixed; boundary="a b"'],
    ['', 'text', 'text/', '/plain', 'text/plain;', 'text plain']],
  ['RFC 5646 language tag (XAPI-00013, XAPI-00121)', isLanguageTag,
    ['en', 'en-US', 'de-DE', 'zh-Hant', 'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'cmn', 'tlh', 'en-GB-oed', 'i-klingon', 'x-private', 'de-CH-1901', 'en-US-u-ca-gregory', 'en-US-x-twain', 'zh-yue-HK'],
    ['', 'en_US', 'something', 'a12345', 'a12345678', '1-x', 'a', 'en-', '-en', 'en--US', 'en-US-', 'toolonglanguage', 'en-x', 'en-a']],
  ['ISO 8601 duration (XAPI-00077, XAPI-00124)', isDuration,
    ['PT1H0M0.1S', 'PT4H35M59.14S', 'P3Y1M29DT4H35M59.14S', 'P4W', 'P1D', 'PT0S', 'P0.5Y', 'PT1,5S', 'P1Y2M'],
    ['', 'P', 'PT', 'P1DT', 'P4W1D', 'PA1H0M0S', 'P0003-01-29T04:35:59', 'PT1H-1M', '1H', 'pt1h', 'PT1.S', 'P1H', 'PT1D', 'P1M1Y']],
  ['timestamp (XAPI-00022, XAPI-00123)', isTimestamp,
    ['2013-05-18T05:32:34.804Z', '2008-09-15T15:53:00.601+00:00', '2026-12-05T18:00:00+01:00', '2026-12-05T18:00+0530', '2026-12-05T18:00:00-05', '2024-02-29T23:59:60Z', '2026-12-05t18:00:00z', '2008-09-15T15:53:00', '2008-09-15T15:53', '20080915T155300Z', '20080915T155300.601+0100', '20080915T1553'],
    ['', 'should fail', '01/011/2015', '2008-09-15', '2008-09-15T15', '2008-09-15T15:53:00.601-00:00', '2008-09-15T15:53:00.601-0000', '2008-09-15T15:53:00.601-00',
      '2023-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-12-00T00:00:00Z', '2026-12-05T24:00:00Z', '2026-12-05T18:00:00+25:00', '2026-12-05 18:00:00Z', '20080915T155300-0000', '20080915155300Z', '200809T155300Z']],
  ['statement version (XAPI-00101)', isStatementVersion, ['2.0.0', '2.0', '2.0.7', '1.0', '1.0.3', '1.0.9'],
    ['', 'should fail', '0.9.9', '1.1.0', '2.1.0', '3.0.0', '2', '2.0.0-rc1', ' 2.0.0']],
];

describe.each(table)('%s', (_name, check, valid, invalid) => {
  it.each(valid)('accepts %j', (value) => expect(check(value)).toBe(true));
  it.each(invalid)('refuses %j', (value) => expect(check(value)).toBe(false));
});

describe('toUtcTimestamp (9274.1.1 §4.2.7: convert timestamps to UTC)', () => {
  it.each([
    ['2008-09-15T15:53:00.601+00:00', '2008-09-15T15:53:00.601Z'],
    ['2026-12-05T18:00:00+01:00', '2026-12-05T17:00:00.000Z'],
    ['2026-12-05T18:00+0530', '2026-12-05T12:30:00.000Z'],
    ['2026-12-31T23:30:00-05', '2027-01-01T04:30:00.000Z'],
    ['2026-12-05T17:00:00.123456789Z', '2026-12-05T17:00:00.123Z'],
    ['2026-12-05T17:00:00,5Z', '2026-12-05T17:00:00.500Z'],
    ['2026-12-05T17:00:00', '2026-12-05T17:00:00.000Z'],
    ['20261205T180000.25+0100', '2026-12-05T17:00:00.250Z'],
  ])('%s is %s', (value, utc) => expect(toUtcTimestamp(value)).toBe(utc));

  it('refuses what is not a timestamp', () => {
    expect(() => toUtcTimestamp('2008-09-15T15:53:00-00:00')).toThrow(RangeError);
  });
});
