// Regenerates test/fixtures/xapi-conformance-statement-cases.json.gz from a copy of the ADL LRS conformance suite
// (adlnet/lrs-conformance-test-suite, MIT): every statement its test/v2_0/configs/*.js POST, built by the suite's own
// template helper, with the status it expects. Run: node bin/run-ts.mjs scripts/xapi-conformance-statement-cases.ts /tmp/lrs-suite
// (Templates with random ids or "now + 5 years" timestamps differ from run to run; the outcomes do not.)
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface SuiteTest { name: string; templates?: Record<string, unknown>[]; json?: unknown; expect: number[] }
interface SuiteHelper {
  getSingleTestConfiguration(file: string): { name: string; config: SuiteTest[] }[];
  convertTemplate(templates: Record<string, unknown>[]): Record<string, unknown>[];
  createTestObject(templates: Record<string, unknown>[]): Record<string, unknown>;
}

const suite = resolve(process.argv[2] ?? '/tmp/lrs-suite');
const output = new URL('../test/fixtures/xapi-conformance-statement-cases.json.gz', import.meta.url);
// The suite's helper reads these and resolves its templates relative to the working directory.
process.env.XAPI_VERSION = '2.0.0';
process.env.DIRECTORY = 'v2_0';
process.chdir(suite);
const helper = createRequire(import.meta.url)(join(suite, 'test/helper.js')) as SuiteHelper;

function statementOf(test: SuiteTest): unknown {
  if (!test.templates) return test.json;
  const built = helper.createTestObject(helper.convertTemplate(structuredClone(test.templates)));
  return built[Object.keys(built)[0] ?? ''];
}

const rows: unknown[] = [];
for (const file of readdirSync(join(suite, 'test/v2_0/configs'))) {
  for (const group of helper.getSingleTestConfiguration(file)) {
    const requirement = /XAPI-\d{5}/.exec(group.name)?.[0] ?? '';
    const title = group.name.replace(/\s+/g, ' ').slice(0, 160);
    for (const test of group.config) rows.push([requirement, file.replace('.js', ''), title, test.name, test.expect[0], statementOf(test)]);
  }
}
writeFileSync(output, gzipSync(JSON.stringify(rows), { level: 9 }));
process.stderr.write(`${rows.length} cases written to ${output.pathname}\n`);
