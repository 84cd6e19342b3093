import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { XapiError } from '../xapi-errors.ts';
import { checkStatement } from './statement-rules.ts';

/**
 * Every statement-validation case of the ADL LRS conformance suite (adlnet/lrs-conformance-test-suite @2ec25f2e,
 * MIT licence), test/v2_0/configs/*.js expanded with its own templates by its own helper (972 cases). The suite
 * POSTs each to /statements and expects 200 or 400; here checkStatement must accept or refuse it the same way.
 * Row: [requirement id, config file, suite title, test title, expected status, statement].
 * Regenerate with scripts/xapi-conformance-statement-cases.ts.
 */
type SuiteCase = [string, string, string, string, 200 | 400, unknown];
const fixture = new URL('../../../test/fixtures/xapi-conformance-statement-cases.json.gz', import.meta.url);
const cases = JSON.parse(gunzipSync(readFileSync(fixture)).toString('utf8')) as SuiteCase[];

const outcomeOf = (statement: unknown): number => {
  try {
    checkStatement(statement);
    return 200;
  } catch (error) {
    if (error instanceof XapiError) return error.statusCode;
    throw error;
  }
};

describe('the conformance suite\'s statement cases', () => {
  it('has all 972 cases, about a third of them valid', () => {
    expect(cases).toHaveLength(972);
    expect(cases.filter((row) => row[4] === 200)).toHaveLength(349);
  });

  for (const file of new Set(cases.map((row) => row[1]))) {
    const rows = cases.filter((row) => row[1] === file);
    describe(`configs/${file}.js`, () => {
      it.each(rows.map((row, index) => ({ row, label: `${row[0] || 'CTS'}: ${row[3]} (#${index})` })))(
        '$label',
        ({ row }) => {
          expect(outcomeOf(structuredClone(row[5]))).toBe(row[4]);
        },
      );
    });
  }
});
