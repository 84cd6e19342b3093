import type { Command } from 'commander';
import { openHub } from '../hub.ts';
import type { CliContext } from './program.ts';

export function registerInsightCommands(program: Command, context: CliContext): void {
  const insight = program.command('insight').description('Workforce insight (issue 14)');
  insight
    .command('refresh')
    .description('Work out every person’s contribution to workforce insight again, a chunk of organisations (about a thousand people) per transaction; resumes an unfinished refresh')
    .option('--restart', 'start again from the first organisation instead of resuming')
    .action(async (options: { restart?: boolean }) => {
      const hub = await openHub(context.config());
      try {
        let lastTenth = -1;
        const result = await hub.services.insightRefresh.refreshAllContributions({
          restart: options.restart === true,
          // A line per tenth of the way, not per organisation: a national tree has thousands.
          onProgress: ({ organisationsDone, organisationsTotal }) => {
            const tenth = Math.floor((organisationsDone * 10) / Math.max(organisationsTotal, 1));
            if (tenth === lastTenth) return;
            lastTenth = tenth;
            context.stdout.write(`${organisationsDone} of ${organisationsTotal} organisations\n`);
          },
        });
        const how = result.resumed ? 'Resumed and finished' : 'Finished';
        context.stdout.write(`${how} the insight refresh for ${result.frameworkId} ${result.frameworkVersion}: ${result.people} people in ${result.organisations} organisations.\n`);
        // Rows just written count from this month; the trends are rebuilt from the dated history.
        const trend = await hub.services.historyTrends.rebuildAll();
        context.stdout.write(`Rebuilt the requirement, training and journey trends from history for ${trend.people} people.\n`);
      } finally {
        await hub.close();
      }
    });
}
