import { z } from 'zod';
import { ITEM_COVERAGE_STATUSES } from '../../domain/assurance/crosswalk.ts';
import { writeCsv } from '../../domain/csv/csv-writer.ts';
import { DECISION_OUTCOMES, JUDGEMENTS, REVIEW_STAGES, REVIEW_STATUSES } from '../../db/tables/assurance.ts';
import type { ReviewReport } from './review-report.ts';

/**
 * A review's report as downloads (issue 12, part 5): JSON (also the API's answer) and CSV. The
 * JSON schema is written once here; the API validates nothing against it but documents it.
 */

const counts = z.object({ met: z.number().int(), partlyMet: z.number().int(), notMet: z.number().int(), notApplicable: z.number().int(), notJudged: z.number().int(), total: z.number().int() });

export const reviewReportJsonSchema = z.object({
  review: z.object({
    id: z.guid(),
    product: z.string(),
    stage: z.enum(REVIEW_STAGES),
    questionSet: z.string(),
    organisation: z.string(),
    deploymentOrganisation: z.string().nullable(),
    lead: z.string(),
    dueOn: z.string(),
    status: z.enum(REVIEW_STATUSES),
  }),
  asOf: z.string().describe('The day the report describes: conditions are open or overdue as of it.'),
  summary: z.object({ factors: z.array(z.object({ factorId: z.string(), factor: z.string() }).extend(counts.shape)), totals: counts }),
  risks: z.array(z.object({ questionId: z.string(), number: z.number().int(), question: z.string(), judgement: z.enum(JUDGEMENTS).nullable(), risk: z.string(), owner: z.string().nullable() })),
  conditions: z.array(z.object({ id: z.guid(), condition: z.string(), owner: z.string(), dueOn: z.string(), state: z.enum(['open', 'done', 'overdue']), doneAt: z.string().nullable(), doneBy: z.string().nullable() })),
  crosswalk: z.object({
    id: z.string(),
    version: z.string(),
    checklists: z.array(z.object({ id: z.string(), title: z.string(), items: z.number().int(), statusCounts: z.record(z.enum(ITEM_COVERAGE_STATUSES), z.number().int()) })),
  }),
  decision: z
    .object({
      outcome: z.enum(DECISION_OUTCOMES),
      statement: z.string(),
      decisionMaker: z.string(),
      decidedAt: z.string(),
      reasonsForUnjudgedQuestions: z.array(z.object({ questionId: z.string(), number: z.number().int(), reason: z.string() })),
    })
    .nullable(),
});
export type ReviewReportJson = z.infer<typeof reviewReportJsonSchema>;

export function reviewReportJson(report: ReviewReport): ReviewReportJson {
  const { review } = report.details;
  return {
    review: { id: review.id, product: review.productName, stage: review.stage, questionSet: review.questionSet, organisation: review.organisationName, deploymentOrganisation: review.deploymentOrganisationName, lead: review.leadName, dueOn: review.dueOn, status: review.status },
    asOf: report.asOf,
    summary: { factors: report.factors.map((f) => ({ factorId: f.factorId, factor: f.factorLabel, ...f.counts })), totals: report.totals },
    risks: report.risks.map((r) => ({ questionId: r.questionId, number: r.number, question: r.text, judgement: r.judgement, risk: r.riskNote, owner: r.ownerName })),
    conditions: report.actions.map((a) => ({ id: a.id, condition: a.condition, owner: a.ownerName, dueOn: a.dueOn, state: a.state, doneAt: a.doneAt?.toISOString() ?? null, doneBy: a.doneByName })),
    crosswalk: {
      id: report.crosswalk.crosswalk.id,
      version: report.crosswalk.crosswalk.version,
      checklists: report.crosswalk.checklists.map((c) => ({ id: c.checklist.id, title: c.checklist.title, items: c.items.length, statusCounts: c.statusCounts })),
    },
    decision: report.decision
      ? { outcome: report.decision.outcome, statement: report.decision.statement, decisionMaker: report.decision.decisionMakerName, decidedAt: report.decision.decidedAt.toISOString(), reasonsForUnjudgedQuestions: report.decision.reasons }
      : null,
  };
}

export const REPORT_CSV_HEADER = ['Section', 'Reference', 'Item', 'State', 'Count', 'Detail', 'Owner', 'Date'] as const;
const COUNT_KEYS = ['met', 'partlyMet', 'notMet', 'notApplicable', 'notJudged'] as const;
const COUNT_STATES = { met: 'met', partlyMet: 'partly-met', notMet: 'not-met', notApplicable: 'not-applicable', notJudged: 'not-judged' } as const;

/**
 * The report as one long table, a row per fact, so a spreadsheet can filter it by section: the
 * review, the count of each judgement per factor, each risk, each condition, each checklist's
 * items per status and the decision.
 */
export function reviewReportCsv(report: ReviewReport): string {
  const json = reviewReportJson(report);
  const row = (section: string, reference: string, item: string, state = '', count = '', detail = '', owner = '', date = '') => [section, reference, item, state, count, detail, owner, date];
  const r = json.review;
  const rows = [
    row('Review', r.id, r.product, r.status, '', `${r.stage}${r.deploymentOrganisation ? ` in ${r.deploymentOrganisation}` : ''}, run by ${r.organisation}`, r.lead, r.dueOn),
    ...json.summary.factors.flatMap((f) => COUNT_KEYS.map((k) => row('Summary', f.factorId, f.factor, COUNT_STATES[k], String(f[k])))),
    ...COUNT_KEYS.map((k) => row('Summary', 'all', 'All questions', COUNT_STATES[k], String(json.summary.totals[k]))),
    ...json.risks.map((k) => row('Risk', `Question ${k.number}`, k.question, k.judgement ?? 'not-judged', '', k.risk, k.owner ?? '')),
    ...json.conditions.map((c) => row('Condition', c.id, c.condition, c.state, '', c.doneAt ? `Done ${c.doneAt.slice(0, 10)}${c.doneBy ? ` by ${c.doneBy}` : ''}` : '', c.owner, c.dueOn)),
    ...json.crosswalk.checklists.flatMap((c) => ITEM_COVERAGE_STATUSES.map((s) => row('Crosswalk', c.id, c.title, s, String(c.statusCounts[s] ?? 0)))),
    ...decisionRows(json.decision, row),
  ];
  return writeCsv(REPORT_CSV_HEADER, rows, { forExcel: true });
}

function decisionRows(decision: ReviewReportJson['decision'], row: (...cells: string[]) => string[]): string[][] {
  if (!decision) return [row('Decision', '', 'Not decided yet')];
  return [
    row('Decision', '', 'Outcome', decision.outcome, '', decision.statement, decision.decisionMaker, decision.decidedAt.slice(0, 10)),
    ...decision.reasonsForUnjudgedQuestions.map((q) => row('Decision reason', `Question ${q.number}`, 'Decided without a judgement', '', '', q.reason)),
  ];
}
