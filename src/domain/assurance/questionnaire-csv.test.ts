import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_LENGTH, readQuestionnaireCsv, writeQuestionnaireCsv } from './questionnaire-csv.ts';

const questions = [
  { id: 'a3-01', factorLabel: 'Regulation and standards', text: 'Is the AI technology a medical device according to UK regulation?' },
  { id: 'a3-02', factorLabel: 'Regulation and standards', text: 'Does it meet DTAC?' },
  { id: 'a3-03', factorLabel: 'Evaluation and validation', text: 'How was it validated?' },
];

const header = 'question id,factor,question,supplier response';

describe('the questionnaire as CSV', () => {
  it('writes one row per question with the answers so far, and reads a completed file back', () => {
    const written = writeQuestionnaireCsv(questions, new Map([['a3-02', 'Yes, submitted in May']]));
    expect(written.split('\n')[0]).toBe(header);
    expect(written).toContain('a3-02,Regulation and standards,Does it meet DTAC?,"Yes, submitted in May"');
    const completed = written.replace('a3-03,Evaluation and validation,How was it validated?,', 'a3-03,Evaluation and validation,How was it validated?,"Retrospective study, 3 sites"');
    expect(readQuestionnaireCsv(completed, questions)).toEqual({
      ok: true,
      responses: [
        { questionId: 'a3-02', response: 'Yes, submitted in May' },
        { questionId: 'a3-03', response: 'Retrospective study, 3 sites' },
      ],
    });
  });

  it('round-trips an answer that starts like a formula, and a spreadsheet’s byte-order mark and CRLF', () => {
    const written = writeQuestionnaireCsv(questions, new Map([['a3-01', '=Class IIa']]), { forExcel: true });
    expect(readQuestionnaireCsv(written, questions)).toEqual({ ok: true, responses: [{ questionId: 'a3-01', response: '=Class IIa' }] });
  });

  it('names every wrong row and imports nothing when any row is wrong', () => {
    const long = 'x'.repeat(MAX_RESPONSE_LENGTH + 1);
    const file = [header, 'a3-01,,,Yes', 'a3-99,,,Maybe', 'a3-01,,,Again', ',,,No id', `a3-03,,,${long}`, ',,,'].join('\n');
    const result = readQuestionnaireCsv(file, questions);
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, message: '"a3-99" is not one of this review\'s questions.' },
        { row: 4, message: 'Question a3-01 is also on row 2. Give each question one row.' },
        { row: 5, message: 'The question id is empty. Keep the "question id" column as downloaded.' },
        { row: 6, message: 'The response to a3-03 is 10,001 characters; the most is 10,000. Put longer material in evidence.' },
      ],
    });
  });

  it('refuses a file without the two columns it reads, a file with no responses, and one that is not CSV', () => {
    expect(readQuestionnaireCsv('id,answer\na3-01,Yes', questions)).toMatchObject({ ok: false, errors: [{ row: 1 }] });
    expect(readQuestionnaireCsv(`${header}\na3-01,,,\n`, questions)).toEqual({ ok: false, errors: [{ row: 1, message: 'The file has no responses. Write each answer in the "supplier response" column.' }] });
    expect(readQuestionnaireCsv(`${header}\n"a3-01,unclosed`, questions)).toMatchObject({ ok: false, errors: [{ row: 1 }] });
  });

  it('reads the columns by name, whatever their order or case', () => {
    expect(readQuestionnaireCsv('Supplier Response,Question ID\nNot a device,a3-01', questions)).toEqual({ ok: true, responses: [{ questionId: 'a3-01', response: 'Not a device' }] });
  });
});
