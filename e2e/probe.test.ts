import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, it } from 'vitest';
import { checkAccessibility } from './support/accessibility.ts';
import { launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { readFile } from 'node:fs/promises';

let server: RunningHub;
let chromium: LaunchedBrowser;
beforeAll(async () => {
  server = await startHubServer();
  await server.hub.services.frameworks.importFramework({ content: await readFile('test/fixtures/third-party-case-package.json', 'utf8'), format: 'case' });
  chromium = await launchChromium();
});
afterAll(async () => { await chromium.close(); await server.close(); });

it('detects', async () => {
  const page = await (await chromium.browser.newContext()).newPage();
  await page.goto(server.baseUrl + '/');
  await page.evaluate(() => { document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="x.png"><p style="color:#ccc">low</p>'); });
  await checkAccessibility(page).then(() => process.stderr.write('NOT DETECTED\n'), (e: Error) => process.stderr.write('DETECTED:\n' + e.message + '\n'));
});

const F = '/frameworks/dart-ed-2022';
const paths = ['/', '/frameworks', F, F + '/archetypes', ...['shaper','driver','creator','embedder','user'].map(a => F + '/archetypes/' + a), F + '/factors', F + '/requirements', F + '/requirements?tier=advanced&archetype=user&q=bias', F + '/requirements?tier=bogus', F + '/requirements/a4-20', F + '/advanced-matrix', F + '/question-sets', F + '/question-sets/a3', F + '/question-sets/a6', F + '/personas', F + '/case-study', F + '/mdt', F + '/requirements/nope', '/frameworks/0bd69a87-3cfe-583a-b18c-208e6ab3efe2'];
it('explores all rules', async () => {
  const page = await (await chromium.browser.newContext()).newPage();
  for (const p of paths) {
    const r = await page.goto(server.baseUrl + p);
    const res = await new AxeBuilder({ page }).analyze();
    process.stderr.write(`\n## ${p} ${r?.status()} passes=${res.passes.length} incomplete=${res.incomplete.map(i => i.id).join(',')}\n`);
    for (const v of res.violations) {
      process.stderr.write(`- ${v.id} [${v.tags.join(',')}] ${v.help}\n`);
      for (const n of v.nodes.slice(0, 6)) process.stderr.write(`    ${n.target.join(' ')} :: ${n.html.slice(0, 160)}\n`);
    }
  }
});
