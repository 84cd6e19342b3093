import type { JudgementCounts } from '../../domain/assurance/report-summary.ts';
import type { ReviewReport } from '../../services/assurance/review-report.ts';
import { ITEM_COVERAGE_STATUSES } from '../../domain/assurance/crosswalk.ts';
import { formatDateTime, formatIsoDate } from '../dates.ts';
import { JUDGEMENT_LABELS, OUTCOME_LABELS } from '../assurance/assurance-labels.ts';
import { checklistShortName, ITEM_STATUS_LABELS } from './crosswalk-labels.ts';
import { JUDGEMENT_SEGMENTS, renderJudgementChart } from './judgement-chart.ts';

/** Numbers as strings: the table macro prints a count of 0 as an empty cell. */
const cell = (n: number) => ({ text: String(n), format: 'numeric' });
const countCells = (c: JudgementCounts) => [...JUDGEMENT_SEGMENTS.map((s) => cell(c[s.key])), cell(c.total)];

export const ACTION_STATE_TAGS = {
  open: { text: 'Open', classes: 'nhsuk-tag--blue' },
  done: { text: 'Done', classes: 'nhsuk-tag--green' },
  overdue: { text: 'Overdue', classes: 'nhsuk-tag--red' },
} as const;

/** The judgements by factor: the chart and the table carrying the same numbers. */
export function summaryView(report: ReviewReport) {
  const rows = report.factors.map((f) => ({ label: f.factorLabel, counts: f.counts }));
  return {
    chart: renderJudgementChart('judgements-chart', 'Judgements by factor', rows),
    head: [{ text: 'Factor' }, ...JUDGEMENT_SEGMENTS.map((s) => ({ text: s.label, format: 'numeric' })), { text: 'Questions', format: 'numeric' }],
    rows: [...rows.map((r) => [{ text: r.label }, ...countCells(r.counts)]), [{ text: 'All questions' }, ...countCells(report.totals)]],
  };
}

export function riskRows(report: ReviewReport) {
  return report.risks.map((r) => ({
    number: r.number,
    question: r.text,
    risk: r.riskNote,
    judgement: r.judgement ? JUDGEMENT_LABELS[r.judgement] : 'Not judged yet',
    owner: r.ownerName ?? 'No owner',
  }));
}

export function conditionRows(report: ReviewReport) {
  return report.actions.map((a) => ({
    condition: a.condition,
    owner: a.ownerName,
    due: formatIsoDate(a.dueOn),
    state: ACTION_STATE_TAGS[a.state],
    detail: a.doneAt ? `${formatDateTime(a.doneAt)}${a.doneByName ? ` by ${a.doneByName}` : ''}` : '',
  }));
}

/** Per checklist, how many of its items are in each status. */
export function coverageView(report: ReviewReport) {
  return {
    head: [{ text: 'Checklist' }, ...ITEM_COVERAGE_STATUSES.map((s) => ({ text: ITEM_STATUS_LABELS[s], format: 'numeric' })), { text: 'Items', format: 'numeric' }],
    rows: report.crosswalk.checklists.map((c) => [{ text: checklistShortName(c.checklist) }, ...ITEM_COVERAGE_STATUSES.map((s) => cell(c.statusCounts[s])), cell(c.items.length)]),
  };
}

export function decisionRows(report: ReviewReport) {
  const d = report.decision;
  if (!d) return undefined;
  return [
    { key: { text: 'Outcome' }, value: { text: OUTCOME_LABELS[d.outcome] } },
    { key: { text: 'Statement' }, value: { text: d.statement } },
    { key: { text: 'Decision maker' }, value: { text: d.decisionMakerName } },
    { key: { text: 'Date' }, value: { text: formatDateTime(d.decidedAt) } },
    ...reasonGroups(d.reasons).map((g) => ({ key: { text: `${g.numbers.length === 1 ? 'Question' : 'Questions'} ${g.numbers.join(', ')} decided without a judgement` }, value: { text: g.reason } })),
  ];
}

/** Reasons for unjudged questions, one row per distinct reason: a decision often gives one reason for many. */
export function reasonGroups(reasons: ReadonlyArray<{ number: number; reason: string }>): Array<{ numbers: number[]; reason: string }> {
  const groups = new Map<string, number[]>();
  for (const r of reasons) groups.set(r.reason, [...(groups.get(r.reason) ?? []), r.number]);
  return [...groups].map(([reason, numbers]) => ({ numbers, reason }));
}
