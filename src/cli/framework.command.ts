import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { openHub } from '../hub.ts';
import type { Hub } from '../hub.ts';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../services/framework.service.ts';
import type { ExportFormat, ImportFormat } from '../services/framework.service.ts';
import { caseWarningLine, warningCount } from '../domain/case/case-warnings.ts';
import type { CaseWarningGroup } from '../domain/case/case-warnings.ts';
import type { CliContext } from './program.ts';
import { formatOption } from './program.ts';

export function registerFrameworkCommands(program: Command, context: CliContext): void {
  const withHub = async <T>(work: (hub: Hub) => Promise<T>): Promise<T> => {
    const hub = await openHub(context.config());
    try {
      return await work(hub);
    } finally {
      await hub.close();
    }
  };
  const framework = program.command('framework').description('List, show, export and import frameworks');

  framework
    .command('list')
    .description('List loaded frameworks')
    .option('--json', 'print JSON: [{ id, version, title, items }]')
    .action((options: { json?: boolean }) =>
      withHub(async ({ services }) => {
        const list = services.frameworks.listFrameworks();
        if (options.json) {
          context.stdout.write(JSON.stringify(list.map(({ id, version, title, items }) => ({ id, version, title, items })), null, 2) + '\n');
          return;
        }
        for (const f of list) context.stdout.write(`${f.id}\t${f.version}\t${f.items} items\t${f.format}\t${f.title}\n`);
      }),
    );

  framework
    .command('show <id>')
    .description('Show one framework: its versions and what it holds')
    .option('--version <version>', 'a version (default: the latest)')
    .action((id: string, options: { version?: string }) =>
      withHub(async ({ services }) => {
        const entry = services.frameworks.getFramework({ id, version: options.version });
        const lines = [
          `${entry.title}`,
          `  id:       ${entry.id}`,
          `  version:  ${entry.version} (loaded: ${services.catalog.versionsOf(entry.id).join(', ')})`,
          `  format:   ${entry.format === 'hub' ? 'hub framework' : 'imported CASE package'}`,
          `  items:    ${entry.itemCount}`,
        ];
        if (entry.format === 'hub') {
          const doc = entry.index.doc;
          const byTable = new Map<string, number>();
          for (const r of doc.requirements) byTable.set(r.source.table, (byTable.get(r.source.table) ?? 0) + 1);
          lines.push(`  archetypes: ${doc.archetypes.map((a) => a.label).join(', ')}`);
          lines.push(`  requirements by table: ${[...byTable].map(([t, n]) => `${t}: ${n}`).join(', ')}`);
          lines.push(`  question sets: ${doc.questionSets.map((s) => `${s.source.table} (${s.questions.length})`).join(', ')}`);
        }
        context.stdout.write(lines.join('\n') + '\n');
      }),
    );

  framework
    .command('export <id>')
    .description('Export a framework as canonical JSON, CSV or a CASE package')
    .option('--version <version>', 'a version (default: the latest)')
    .addOption(formatOption(EXPORT_FORMATS, 'export format'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action((id: string, options: { version?: string; format: ExportFormat; out?: string }) =>
      withHub(async ({ services }) => {
        const file = services.frameworks.exportFramework({ id, version: options.version, format: options.format });
        if (options.out) {
          await writeFile(options.out, file.body);
          context.stderr.write(`Wrote ${options.out}\n`);
        } else {
          context.stdout.write(file.body);
        }
      }),
    );

  framework
    .command('import <file>')
    .description('Import a framework from a canonical JSON document or a CASE package')
    .addOption(formatOption(IMPORT_FORMATS, 'file format'))
    .action((file: string, options: { format: ImportFormat }) =>
      withHub(async ({ services }) => {
        const content = await readFile(file, 'utf8');
        const result = await services.frameworks.importFramework({ content, format: options.format });
        const note = result.status === 'unchanged' ? ' (already loaded; nothing changed)' : '';
        context.stdout.write(`${result.id} ${result.version}${note}\n`);
        // Warnings go to stderr so scripts reading `id version` from stdout keep working.
        if (result.warnings.length > 0) context.stderr.write(warningReport(result.warnings));
      }),
    );
}

/** "Imported with 49 warnings:" and one indented line per kind and place. */
function warningReport(groups: readonly CaseWarningGroup[]): string {
  const total = warningCount(groups);
  const lines = groups.map((g) => `  ${caseWarningLine(g)}`);
  return `Imported with ${total} ${total === 1 ? 'warning' : 'warnings'}:\n${lines.join('\n')}\n`;
}
