/**
 * What a decision on an assurance review must hold (issue 12, part 4): every question still
 * without a judgement needs a reason for deciding anyway, and an approval with conditions needs at
 * least one condition. Pure, so the page, the API and the tests share one rule.
 */
export interface QuestionRef {
  id: string;
  /** 1-based, as the report numbers the table's items. */
  number: number;
}

export interface DecisionProblem {
  field: string;
  message: string;
}

/** The questions that have no judgement yet, in the table's order. */
export function unjudgedQuestions(questions: readonly QuestionRef[], judged: ReadonlySet<string>): QuestionRef[] {
  return questions.filter((q) => !judged.has(q.id));
}

/** One problem per unjudged question left without a reason, naming the question. */
export function missingReasons(unjudged: readonly QuestionRef[], reasons: Readonly<Record<string, string>>): DecisionProblem[] {
  return unjudged
    .filter((q) => (reasons[q.id] ?? '').trim() === '')
    .map((q) => ({ field: `reason-${q.id}`, message: `Question ${q.number} has no judgement: give a reason for deciding without one` }));
}

/** Reasons only for questions that need one: a reason for a judged question is dropped, not stored. */
export function reasonsToKeep(unjudged: readonly QuestionRef[], reasons: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(unjudged.map((q) => [q.id, (reasons[q.id] ?? '').trim()]));
}
