import type { Command } from 'commander';
import { z } from 'zod';
import { planTeamLearning } from '../domain/teams/team-plan.ts';
import type { TeamPlanRequest } from '../domain/teams/team-plan.ts';
import { optionalNumber, readInstanceFile } from './instance-file.ts';
import type { CliContext } from './program.ts';

const id = z.string().min(1);

/**
 * A team planning instance as a JSON file: the requirements short of holders, the members, and
 * per resource which requirements taking it would make each member meet. The cross-references are
 * checked too, since the planner silently ignores an id it does not know.
 */
const instanceSchema = z
  .object({
    requirements: z.array(z.object({ id, archetype: z.string().min(1), shortfall: z.number().int().min(0), candidates: z.array(id) })),
    members: z.array(z.object({ id, name: z.string().default(''), hoursLimit: z.number().min(0).optional() })),
    resources: z.array(z.object({ id, minutes: z.number().min(0), prerequisites: z.array(id).default([]), closes: z.record(z.string(), z.array(id)) })),
  })
  .superRefine((instance, check) => {
    const memberIds = new Set(instance.members.map((m) => m.id));
    const requirementIds = new Set(instance.requirements.map((q) => q.id));
    const unknown = (what: string, value: string, path: PropertyKey[]): void => check.addIssue({ code: 'custom', message: `unknown ${what} "${value}"`, path });
    reportDuplicates(instance.requirements, 'requirements', check);
    reportDuplicates(instance.members, 'members', check);
    reportDuplicates(instance.resources, 'resources', check);
    instance.requirements.forEach((q, i) =>
      q.candidates.forEach((m, j) => memberIds.has(m) || unknown('member', m, ['requirements', i, 'candidates', j])),
    );
    instance.resources.forEach((r, i) =>
      Object.entries(r.closes).forEach(([m, closes]) => {
        if (!memberIds.has(m)) unknown('member', m, ['resources', i, 'closes', m]);
        closes.forEach((q, j) => requirementIds.has(q) || unknown('requirement', q, ['resources', i, 'closes', m, j]));
      }),
    );
  });

function reportDuplicates(items: ReadonlyArray<{ id: string }>, list: string, check: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) check.addIssue({ code: 'custom', message: `duplicate id "${item.id}"`, path: [list, i, 'id'] });
    seen.add(item.id);
  });
}

interface PlanOptions {
  instance: string;
  timeLimitMs?: string;
}

export function registerTeamCommands(program: Command, context: CliContext): void {
  const team = program.command('team').description('Plan the learning of AI multidisciplinary teams');
  team
    .command('plan')
    .description("Choose which member takes which resources so every requirement gains the holders it lacks, in the least minutes; prints one JSON object")
    .requiredOption('--instance <file>', 'JSON file: { requirements: [...], members: [...], resources: [...] }')
    .option('--time-limit-ms <n>', 'time limit for the exact solver before its best answer (or the greedy one) is returned (default 2000)')
    .action(async (options: PlanOptions) => {
      const request = await readInstance(options);
      context.stdout.write(JSON.stringify(await planTeamLearning(request), null, 2) + '\n');
    });
}

async function readInstance(options: PlanOptions): Promise<TeamPlanRequest> {
  const timeLimitMs = optionalNumber('--time-limit-ms', options.timeLimitMs);
  const instance = await readInstanceFile(options.instance, instanceSchema, 'team planning instance');
  const members = instance.members.map(({ hoursLimit, ...member }) => (hoursLimit === undefined ? member : { ...member, hoursLimit }));
  return { ...instance, members, ...(timeLimitMs === undefined ? {} : { timeLimitMs }) };
}
