import { common, hidden, json, output, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { INSIGHT_VIEW_TITLES, INSIGHT_VIEWS } from '../../web/insight/insight.paths.ts';
import { insightQuery } from '../../web/insight/insight-views.registry.ts';
import { insightRootsSchema, insightViewSchemas } from './insight.schemas.ts';

const schemaName = (view: string) => `Insight${view[0]?.toUpperCase()}${view.slice(1)}`;

/** Workforce insight in the OpenAPI document (issue 14 §1): one operation per view. */
export const insightOpenApi = {
  paths: {
    '/api/v1/insight/organisations': {
      get: {
        summary: 'The organisations whose workforce insight you may open: your own (organisation admins and workforce leads), or the tops of the tree (platform admins)',
        ...signedIn,
        responses: { '200': json('Where to start', ref('InsightRoots')), ...common, '404': hidden },
      },
    },
    ...Object.fromEntries(
      INSIGHT_VIEWS.map((view) => [
        `/api/v1/insight/organisations/{organisationId}/${view}`,
        {
          get: {
            summary: `Workforce insight, ${INSIGHT_VIEW_TITLES[view].toLowerCase()}, for an organisation and everything beneath it. Every figure is disclosure-controlled below national level: 1–7 suppressed, others rounded to 5.`,
            ...signedIn,
            parameters: [uuidPathParam('organisationId', 'An organisation id'), ...queryParameters(insightQuery)],
            responses: { '200': json(INSIGHT_VIEW_TITLES[view], ref(schemaName(view))), ...common, '404': hidden },
          },
        },
      ]),
    ),
  },
  schemas: {
    InsightRoots: output(insightRootsSchema),
    ...Object.fromEntries(INSIGHT_VIEWS.map((view) => [schemaName(view), output(insightViewSchemas[view])])),
  },
};
