import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeCsv } from '../../domain/csv/csv-writer.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import { formatIsoDate } from '../dates.ts';
import { CATALOGUE_PATHS, STATUS_LABELS } from './catalogue.view-model.ts';

const WINDOWS = [
  { days: 0, text: 'Overdue or due today' },
  { days: 30, text: 'Due within 30 days' },
  { days: 90, text: 'Due within 90 days' },
  { days: 180, text: 'Due within 6 months' },
  { days: 365, text: 'Due within a year' },
] as const;
const DEFAULT_DAYS = 30;

/** The window asked for (`?within=` days), the default when none is, undefined for one not offered. */
function windowOf(request: FastifyRequest) {
  const asked = textOf(fieldsOf(request.query).within, 10);
  return asked === '' ? WINDOWS.find((w) => w.days === DEFAULT_DAYS) : WINDOWS.find((w) => String(w.days) === asked);
}

/** Educators see the resources they curate whose review date is past or near, soonest first; also as CSV. */
export function registerReviewDuePage(app: FastifyInstance, { services }: PageDeps): void {
  app.get(CATALOGUE_PATHS.reviewDueCsv, async (request, reply) => {
    const viewer = requireViewer(request);
    const { items } = await services.catalogue.listResourcesDueForReview({ viewer, withinDays: windowOf(request)?.days ?? DEFAULT_DAYS });
    const rows = items.map((r) => [r.id, r.title, r.provider, r.status, r.organisationName, r.reviewDate, String(r.isOverdue)]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="resources-due-for-review.csv"')
      .header('cache-control', 'no-store')
      .send(writeCsv(['id', 'title', 'provider', 'status', 'curated_by', 'review_date', 'overdue'], rows));
  });

  app.get(CATALOGUE_PATHS.reviewDue, async (request, reply) => {
    const viewer = requireViewer(request);
    const window = windowOf(request);
    const days = window?.days ?? DEFAULT_DAYS;
    const { items, isTruncated, until } = await services.catalogue.listResourcesDueForReview({ viewer, withinDays: days });
    const rows = items.map((r) => ({
      title: r.title,
      href: CATALOGUE_PATHS.resource(r.id),
      editHref: CATALOGUE_PATHS.edit(r.id),
      reviewBy: formatIsoDate(r.reviewDate),
      isOverdue: r.isOverdue,
      status: STATUS_LABELS[r.status],
      organisationName: r.organisationName,
    }));
    const errors = window ? [] : [{ field: 'within', href: '#within', text: 'Choose how far ahead to look from the list' }];
    return reply.status(window ? 200 : 400).view('catalogue/review-due.njk', {
      pageTitle: 'Resources due for review',
      currentSection: 'catalogue',
      paths: CATALOGUE_PATHS,
      windowItems: WINDOWS.map((w) => ({ value: String(w.days), text: w.text, selected: w.days === days })),
      rows,
      csvPath: `${CATALOGUE_PATHS.reviewDueCsv}?within=${days}`,
      overdueCount: items.filter((r) => r.isOverdue).length,
      countText: `${items.length.toLocaleString('en-GB')} ${items.length === 1 ? 'resource' : 'resources'} to review by ${formatIsoDate(until)}${isTruncated ? ' (the first ones only: review these, then look again)' : ''}`,
      errorSummary: errors.length > 0 ? errors : undefined,
      fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
    });
  });
}

