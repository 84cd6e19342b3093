import { DECISION_OUTCOMES } from '../../db/tables/assurance.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, isoDateOf, textOf } from '../form-fields.ts';
import type { DateParts } from '../form-fields.ts';
import type { Problem } from '../products/product-form-fields.ts';
import { OUTCOME_LABELS } from './assurance-labels.ts';

/** Conditions the form offers at once: the page works without JavaScript, so there is no "add another". */
export const CONDITION_ROWS = 3;

export interface ConditionValues {
  condition: string;
  ownerId: string;
  dueOn: DateParts;
}

export interface DecisionValues {
  outcome: string;
  statement: string;
  reasons: Record<string, string>;
  conditions: ConditionValues[];
}

export const emptyDecision = (): DecisionValues => ({
  outcome: '',
  statement: '',
  reasons: {},
  conditions: Array.from({ length: CONDITION_ROWS }, () => ({ condition: '', ownerId: '', dueOn: { day: '', month: '', year: '' } })),
});

export function decisionValuesOf(body: unknown, questionIds: readonly string[]): DecisionValues {
  const f = fieldsOf(body);
  return {
    outcome: textOf(f.outcome, 40),
    statement: textOf(f.statement, 20_000),
    reasons: Object.fromEntries(questionIds.map((id) => [id, textOf(f[`reason-${id}`], 5_000)])),
    conditions: Array.from({ length: CONDITION_ROWS }, (_, i) => ({
      condition: textOf(f[`condition-${i + 1}`], 5_000),
      ownerId: textOf(f[`conditionOwner-${i + 1}`], 60),
      dueOn: { day: textOf(f[`conditionDueDay-${i + 1}`], 10), month: textOf(f[`conditionDueMonth-${i + 1}`], 10), year: textOf(f[`conditionDueYear-${i + 1}`], 10) },
    })),
  };
}

const isBlank = (c: ConditionValues) => !c.condition.trim() && !c.ownerId && !c.dueOn.day && !c.dueOn.month && !c.dueOn.year;

/**
 * The form in the service's terms. Blank condition rows are left out; `rowOf` maps each condition
 * sent back to its row on the form, so the service's problems point at the right boxes.
 */
export function decisionInputOf(values: DecisionValues): { input: Record<string, unknown>; rowOf: number[]; problems: Problem[] } {
  const rows = values.conditions.map((c, i) => ({ c, row: i + 1 })).filter(({ c }) => !isBlank(c));
  const problems: Problem[] = [];
  const conditions = rows.map(({ c, row }) => {
    const date = isoDateOf(c.dueOn, `the date condition ${row} is due`);
    if ('problem' in date) problems.push({ field: `conditions.${row - 1}.dueOn`, message: date.problem });
    return { condition: c.condition, ownerId: c.ownerId, dueOn: 'iso' in date ? date.iso : '2000-01-01' };
  });
  const unansweredReasons = Object.fromEntries(Object.entries(values.reasons).filter(([, r]) => r.trim() !== ''));
  return { input: { outcome: values.outcome || undefined, statement: values.statement, unansweredReasons, conditions }, rowOf: rows.map((r) => r.row), problems };
}

/** Where each problem's summary link goes on the decision form. */
export function decisionFormErrors(problems: readonly Problem[], rowOf: readonly number[]): FormError[] {
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    const condition = /^conditions\.(\d+)\.(\w+)$/.exec(p.field);
    const row = condition ? (rowOf[Number(condition[1])] ?? Number(condition[1]) + 1) : 1;
    const part = condition?.[2];
    const field = condition ? (part === 'ownerId' ? `conditionOwner-${row}` : part === 'dueOn' ? `conditionDue-${row}` : `condition-${row}`) : p.field === 'conditions' ? 'condition-1' : p.field;
    if (seen.has(field)) return [];
    seen.add(field);
    const href = field.startsWith('conditionDue-') ? `#${field}-day` : field === 'outcome' ? '#outcome' : field === '' ? '#decision-form' : `#${field}`;
    return [{ field, href, text: p.message }];
  });
}

export const outcomeItems = (chosen: string) => DECISION_OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o], checked: chosen === o }));
