import { formatDate } from '../dates.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { PageDeps } from '../index.ts';
import { fieldErrorsOf, listOf } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { requireViewer } from '../session.plugin.ts';

import type { Viewer } from '../../services/identity/viewer.ts';
import type { Services } from '../../services/index.ts';

const personParams = z.object({ personId: z.uuid() });
const focusForm = z.object({
  archetype: z.string().max(60).default(''),
  factors: listOf(z.string().max(80), 40),
  reason: z.string().max(2000).default(''),
  action: z.enum(['set', 'clear']).default('set'),
});

/**
 * A supervisor's (or admin's) view of one person's self-assessment, and where the advanced focus
 * of R7 is agreed: "an individual will not always meet all the requirements themselves".
 */
async function personAssessmentView(services: Services, viewer: Viewer, personId: string, focusErrors: FormError[] = [], values?: z.infer<typeof focusForm>) {
  const person = await services.access.assertCanSeePerson(viewer, personId);
  const [assessment, profile, focusHistory] = await Promise.all([
    services.selfAssessment.getSelfAssessment({ viewer, personId }),
    services.profiles.getProfile({ viewer, personId }),
    services.profiles.listFocusHistory({ viewer, personId }),
  ]);
  const index = assessment.framework.index;
  const factorLabel = (id: string) => index.factorById.get(id)?.label ?? id;
  const currentFocus = new Map<string, (typeof focusHistory)[number]>();
  for (const row of focusHistory) if (!currentFocus.has(row.archetype)) currentFocus.set(row.archetype, row);
  const canSupervise = person.id !== viewer.personId && (await services.access.assertCanSupervise(viewer, personId).then(() => true, () => false));
  // An admin who is not the supervisor cannot agree a focus, but may change who supervises.
  const canReassign = !canSupervise && person.id !== viewer.personId && (await services.access.canAdministerPerson(viewer, person));
  return {
    pageTitle: `${person.displayName}: self-assessment`,
    person,
    profile,
    archetypeLabels: profile.archetypes.map((a) => index.archetypeById.get(a)?.label ?? a),
    progress: assessment.progress,
    selfRated: assessment.summary.selfRated,
    verified: assessment.summary.verified,
    canSupervise,
    reassignPath: canReassign ? `/organisation/people/${person.id}` : undefined,
    errorSummary: focusErrors.length > 0 ? focusErrors : undefined,
    fieldErrors: fieldErrorsOf(focusErrors),
    archetypes: profile.archetypes.map((archetypeId) => {
      const focus = currentFocus.get(archetypeId);
      const chosen = values?.archetype === archetypeId ? values.factors : (focus?.factors ?? []);
      const matrixFactors = index.doc.advancedMatrix.filter((row) => row.archetypes.includes(archetypeId)).map((row) => row.factor);
      return {
        id: archetypeId,
        label: index.archetypeById.get(archetypeId)?.label ?? archetypeId,
        focus: focus?.factors ? { factors: focus.factors.map(factorLabel).join(', '), reason: focus.reason, at: formatDate(focus.setAt), by: focus.setByName } : undefined,
        factorItems: matrixFactors.map((f) => ({ value: f, text: factorLabel(f), checked: chosen.includes(f) })),
        reason: values?.archetype === archetypeId ? values.reason : '',
      };
    }),
    focusRows: focusHistory.map((row) => [
      { text: formatDate(row.setAt) },
      { text: index.archetypeById.get(row.archetype)?.label ?? row.archetype },
      { text: row.factors ? row.factors.map(factorLabel).join(', ') : 'All factors (focus cleared)' },
      { text: row.reason },
      { text: row.setByName },
    ]),
  };
}

export function registerPersonAssessmentPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/people/:personId/assessment', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    return reply.view('people/person-assessment.njk', await personAssessmentView(services, viewer, personId));
  });

  app.post('/people/:personId/focus', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const values = focusForm.parse(request.body ?? {});
    try {
      await services.profiles.setAdvancedFocus({ viewer, personId, archetype: values.archetype, factors: values.action === 'clear' ? null : values.factors, reason: values.reason });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      const errors = error.details.map((d) => ({ field: `${d.field}-${values.archetype}`, href: `#${d.field}-${values.archetype}`, text: d.message }));
      return reply.status(400).view('people/person-assessment.njk', await personAssessmentView(services, viewer, personId, errors, values));
    }
    return reply.redirect(`/people/${personId}/assessment`, 303);
  });
}
