import { parse } from 'csv-parse/sync';
import { readNeutralisedCell, writeCsv } from '../csv/csv-writer.ts';
import type { CsvOptions } from '../csv/csv-writer.ts';

/**
 * A review's questionnaire as a spreadsheet for the supplier: one row per question, the answer
 * in the last column. A completed file reads back all or nothing: every row that is wrong gets
 * its own message (numbered as the spreadsheet numbers rows, the header being row 1), and a file
 * with any wrong row imports nothing.
 */
export const QUESTIONNAIRE_COLUMNS = ['question id', 'factor', 'question', 'supplier response'] as const;

/** Longer answers belong in evidence (a file or a link), not a cell. */
export const MAX_RESPONSE_LENGTH = 10_000;

export interface QuestionnaireQuestion {
  id: string;
  factorLabel: string;
  text: string;
}

export interface QuestionnaireResponse {
  questionId: string;
  response: string;
}

export interface QuestionnaireRowError {
  /** The spreadsheet's row number (the header is row 1); 1 for a problem with the file as a whole. */
  row: number;
  message: string;
}

export type QuestionnaireReadResult = { ok: true; responses: QuestionnaireResponse[] } | { ok: false; errors: QuestionnaireRowError[] };

export function writeQuestionnaireCsv(questions: readonly QuestionnaireQuestion[], responses: ReadonlyMap<string, string>, options: CsvOptions = {}): string {
  return writeCsv(
    QUESTIONNAIRE_COLUMNS,
    questions.map((q) => [q.id, q.factorLabel, q.text, responses.get(q.id) ?? '']),
    options,
  );
}

/**
 * The responses in a completed questionnaire. Only the question id and response columns are
 * read (a supplier may reword nothing else that matters); rows with an empty response are left
 * out, so a blank cell never wipes an answer given online.
 */
export function readQuestionnaireCsv(text: string, questions: readonly QuestionnaireQuestion[]): QuestionnaireReadResult {
  const records = parseRecords(text);
  if (!records) return fail(1, 'The file is not a CSV file the hub can read. Download the questionnaire again and fill in its last column.');
  const [header, ...rows] = records;
  const columns = (header ?? []).map((cell) => cell.trim().toLowerCase());
  const idAt = columns.indexOf('question id');
  const responseAt = columns.indexOf('supplier response');
  if (idAt < 0 || responseAt < 0) return fail(1, 'The first row must name the columns "question id" and "supplier response", as in the downloaded questionnaire.');
  const known = new Set(questions.map((q) => q.id));
  const seen = new Map<string, number>();
  const errors: QuestionnaireRowError[] = [];
  const responses: QuestionnaireResponse[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const questionId = readNeutralisedCell(cells[idAt] ?? '').trim();
    const response = readNeutralisedCell(cells[responseAt] ?? '').trim();
    const problem = rowProblem(questionId, response, known, seen.get(questionId));
    if (problem) errors.push({ row, message: problem });
    if (questionId !== '') seen.set(questionId, seen.get(questionId) ?? row);
    if (!problem && response !== '') responses.push({ questionId, response });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (responses.length === 0) return fail(1, 'The file has no responses. Write each answer in the "supplier response" column.');
  return { ok: true, responses };
}

function rowProblem(questionId: string, response: string, known: ReadonlySet<string>, firstRow: number | undefined): string | undefined {
  if (questionId === '') return 'The question id is empty. Keep the "question id" column as downloaded.';
  if (!known.has(questionId)) return `"${questionId}" is not one of this review's questions.`;
  if (firstRow !== undefined) return `Question ${questionId} is also on row ${firstRow}. Give each question one row.`;
  if (response.length > MAX_RESPONSE_LENGTH) return `The response to ${questionId} is ${response.length.toLocaleString('en-GB')} characters; the most is ${MAX_RESPONSE_LENGTH.toLocaleString('en-GB')}. Put longer material in evidence.`;
  return undefined;
}

function parseRecords(text: string): string[][] | undefined {
  try {
    return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return undefined;
  }
}

const fail = (row: number, message: string): QuestionnaireReadResult => ({ ok: false, errors: [{ row, message }] });
