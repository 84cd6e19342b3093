import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { JourneyOutOfDate } from '../../services/journeys/journey-scope.service.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { toJourneyJson } from './journey.schemas.ts';

/** Whether the caller's saved journey still fits what applies to them, and the re-plan that makes it fit (R7, R2–R4). */
export const journeyScopeSchema = z.object({
  outOfDate: z
    .object({
      plannedAt: z.string().describe('When the plan was last made (ISO 8601)'),
      focusChangedAt: z.string().nullable().describe('The latest change to a supervisor’s focus since then, when there was one'),
      frameworkChanged: z.boolean(),
      noLongerApply: z.array(z.string()).describe('Topic ids the plan was made for that no longer apply'),
      nowApply: z.array(z.string()).describe('Topic ids that apply now and were not planned for'),
      targetChanged: z.array(z.string()).describe('Topic ids that now ask for a different level'),
    })
    .nullable()
    .describe('Null when the journey fits what applies now, or there is no journey'),
});

function toScopeJson(outOfDate: JourneyOutOfDate | null): z.infer<typeof journeyScopeSchema> {
  if (!outOfDate) return { outOfDate: null };
  const { change, plannedAt, focusChangedAt } = outOfDate;
  return { outOfDate: { plannedAt: plannedAt.toISOString(), focusChangedAt: focusChangedAt?.toISOString() ?? null, ...change } };
}

export function registerJourneyScopeApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/me/journey/scope', async (request) => {
    const viewer = requireViewer(request);
    return toScopeJson(await services.journeyScope.checkJourneyScope({ viewer, personId: viewer.personId }));
  });

  app.post('/api/v1/me/journey/replan', async (request) => {
    const viewer = requireViewer(request);
    return { journey: toJourneyJson(await services.journeys.replanJourney({ viewer })) };
  });
}
