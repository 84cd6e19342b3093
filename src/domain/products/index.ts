/** AI products and their training: the product module from Table 2, its knowledge check, and training currency across versions (R3, R8). */
export type { Autonomy, LearnerSection, ModuleSection, ProductFactField, ProductFacts, SectionSource } from './product-module.ts';
export { AUTONOMY_LABELS, learnerSections, planProductModule, SECTION_SOURCES, PRODUCT_FACT_LABELS, renderPrefill, sectionsMissingContent, sectionsToReview } from './product-module.ts';
export type { AttemptScore, CheckOption, CheckProblem, CheckQuestion, CheckQuestionKind, KnowledgeCheck } from './knowledge-check.ts';
export {
  AttemptInputError,
  findKnowledgeCheckProblems,
  MAX_OPTIONS,
  MAX_PROMPT_LENGTH,
  MAX_QUESTIONS,
  MIN_OPTIONS,
  scoreAttempt,
} from './knowledge-check.ts';
export type {
  CurrencyCounts,
  CurrencyStatus,
  ProductStatementStanding,
  DeploymentState,
  DeploymentStatus,
  ProductVersion,
  PublishedTraining,
  TrainingCurrency,
  TrainingCurrencyInput,
  TrainingImpact,
  TrainingPass,
  VersionChange,
} from './currency.ts';
export { CURRENCY_STATUSES, productStatementStanding, refresherDueDate, requiredVersionIdFor, summariseCurrency, trainingAvailableSince, trainingClockStart, trainingCurrency } from './currency.ts';
