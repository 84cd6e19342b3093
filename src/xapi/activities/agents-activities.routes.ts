import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isIri, parseAgentParameter, personOf } from '../agent-ifi.ts';
import { lrsClientOf } from '../xapi.plugin.ts';
import type { XapiDeps } from '../xapi.plugin.ts';
import { XapiError } from '../xapi-errors.ts';

/**
 * GET /xapi/agents (9274.1.1 §4.1.6.3) and GET /xapi/activities (§4.1.6.4). The hub keeps no
 * directory of agents beyond the IFIs a request names, so a Person carries the asked agent only —
 * which the standard allows. An activity the LRS has never seen is still an Activity (200, id only).
 */
export function registerAgentsAndActivitiesRoutes(xapi: FastifyInstance, { services }: XapiDeps): void {
  xapi.get('/agents', async (request) => {
    const agentText = onlyParameter(request, 'agent');
    const parsed = parseAgentParameter(agentText);
    if (!parsed.ok) throw new XapiError(400, parsed.problem);
    return personOf(parsed.agent);
  });

  xapi.get('/activities', async (request) => {
    const activityId = onlyParameter(request, 'activityId');
    if (!isIri(activityId)) throw new XapiError(400, `The activityId parameter must be an IRI with a scheme, such as https://example.com/course/1; it was "${activityId}".`);
    const definition = await services.xapiActivityLookup.findActivity(lrsClientOf(request).organisationId, activityId);
    return definition === undefined ? { objectType: 'Activity', id: activityId } : { objectType: 'Activity', id: activityId, definition };
  });
}

/** The one parameter a resource takes: required, sent once, and nothing else beside it (§4.1.5). */
function onlyParameter(request: FastifyRequest, name: string): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(query).find((key) => key !== name);
  if (unknown !== undefined) throw new XapiError(400, `The ${unknown} parameter is not one this resource takes; it takes only ${name}.`);
  const value = query[name];
  if (value === undefined) throw new XapiError(400, `The ${name} parameter is required.`);
  if (typeof value !== 'string') throw new XapiError(400, `The ${name} parameter was sent more than once.`);
  return value;
}
