import type { Command } from 'commander';
import { z } from 'zod';
import { capTargetsAtReach, PlanInputError, planJourney } from '../domain/journey/index.ts';
import type { PlanRequest } from '../domain/journey/index.ts';
import { AppError } from '../errors.ts';
import { optionalNumber, readInstanceFile } from './instance-file.ts';
import type { CliContext } from './program.ts';

/** A planning instance as a JSON file: the learner's gaps and the candidate resources. */
const instanceSchema = z.object({
  gaps: z.array(
    z.object({
      id: z.string().min(1),
      tier: z.enum(['foundational', 'advanced', 'product-specific']),
      kind: z.enum(['knowledge', 'skill']),
      current: z.number().int().min(0),
      target: z.number().int().min(1),
      weight: z.number().min(0).default(1),
      restsOn: z.array(z.string()).optional(),
    }),
  ),
  resources: z.array(
    z.object({
      id: z.string().min(1),
      minutes: z.number().min(0),
      outcomes: z.array(z.object({ gap: z.string().min(1), level: z.number().int().min(1) })),
      prerequisites: z.array(z.string()).default([]),
    }),
  ),
});

interface PlanOptions {
  instance: string;
  budgetMinutes?: string;
  timeLimitMs?: string;
  exactTargets?: boolean;
}

export function registerJourneyCommands(program: Command, context: CliContext): void {
  const journey = program.command('journey').description('Plan learning journeys');
  journey
    .command('plan')
    .description('Choose and order resources that close the gaps in an instance file; prints one JSON object')
    .requiredOption('--instance <file>', 'JSON file: { gaps: [...], resources: [...] }')
    .option('--budget-minutes <n>', 'close the most gap weight within this many minutes')
    .option('--time-limit-ms <n>', 'time limit for the exact solver (default 1000)')
    .option('--exact-targets', 'plan only for each gap\'s own target; by default, as in the hub, a target no resource reaches is lowered to the highest level one does')
    .action(async (options: PlanOptions) => {
      const asked = await readInstance(options);
      const { request, lowered } = options.exactTargets ? { request: asked, lowered: [] } : capOrExplain(asked);
      const plan = await planJourney(request).catch((error: unknown) => {
        throw asInvalidInput(error);
      });
      const { selected, order, totalMinutes, closed, unclosable, outOfBudget, closedWeight, solver, optimal } = plan;
      context.stdout.write(JSON.stringify({ selected, order, totalMinutes, closed, unclosable, outOfBudget, closedWeight, solver, optimal, lowered }, null, 2) + '\n');
    });
}

/** The planner's input errors are the user's: invalid input, exit code 2. */
function asInvalidInput(error: unknown): unknown {
  return error instanceof PlanInputError ? new AppError('invalid', error.message) : error;
}

function capOrExplain(request: PlanRequest): ReturnType<typeof capTargetsAtReach> {
  try {
    return capTargetsAtReach(request);
  } catch (error) {
    throw asInvalidInput(error);
  }
}

async function readInstance(options: PlanOptions): Promise<PlanRequest> {
  const budgetMinutes = optionalNumber('--budget-minutes', options.budgetMinutes);
  const timeLimitMs = optionalNumber('--time-limit-ms', options.timeLimitMs);
  const instance = await readInstanceFile(options.instance, instanceSchema, 'planning instance');
  return { ...instance, ...(budgetMinutes === undefined ? {} : { budgetMinutes }), ...(timeLimitMs === undefined ? {} : { timeLimitMs }) };
}
