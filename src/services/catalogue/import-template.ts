import { writeCsv } from '../../domain/csv/csv-writer.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import { RESOURCE_LIMITS } from './resource-input.ts';
import { CSV_COLUMNS } from './resource-transfer.ts';
import type { CsvColumn } from './resource-transfer.ts';

/** What each import column holds, as the import page's guide shows it. */
export interface ColumnGuide {
  column: CsvColumn;
  required: string;
  format: string;
  example: string;
}

const levelsOf = (index: FrameworkIndex, kind: 'knowledge' | 'skill') => index.doc.taxonomy[kind].map((l) => l.id).join(', ');

/** Two topics to show how outcomes are written: one named by its label, one by its id. */
function exampleOutcomes(index: FrameworkIndex): string {
  const topics = [...index.topicById.values()];
  const knowledge = topics.find((t) => t.kind === 'knowledge');
  const skill = topics.find((t) => t.kind === 'skill');
  return [knowledge && `${knowledge.label}:${index.doc.taxonomy.knowledge[0]?.id ?? ''}`, skill && `${skill.id}:${index.doc.taxonomy.skill[0]?.id ?? ''}`].filter(Boolean).join(';');
}

/** The example row of the template, which imports as a draft as it stands. */
function exampleRow(index: FrameworkIndex): Record<CsvColumn, string> {
  return {
    id: '',
    version: '',
    status: 'draft',
    sample: 'false',
    title: 'Example resource: change this row or delete it',
    provider: 'NHS England',
    url: 'https://learning.example.nhs.uk/introduction-to-ai',
    description: 'What the resource covers and how it is delivered, in a few sentences.',
    format: 'e-learning',
    duration_minutes: '45',
    cost_pence: '0',
    cpd_accredited: 'false',
    cpd_detail: '',
    vendor_neutral: 'true',
    audience_archetypes: index.doc.archetypes.slice(0, 2).map((a) => a.id).join(';'),
    audience_note: '',
    review_date: '',
    outcomes: exampleOutcomes(index),
    prerequisites: '',
    activity_id: '',
  };
}

/** The import columns, each with whether it is needed, how to write it and an example. */
export function importColumnGuide(index: FrameworkIndex): ColumnGuide[] {
  const example = exampleRow(index);
  const max = (n: number) => `up to ${n.toLocaleString('en-GB')} characters`;
  const guide: Record<CsvColumn, Omit<ColumnGuide, 'column' | 'example'> & { example?: string }> = {
    id: { required: 'No', format: 'Blank for a new resource. The id of a resource your organisation curates (from a download) updates it', example: '' },
    version: { required: 'No', format: 'The version you downloaded: a resource changed since then is not overwritten', example: '3' },
    status: { required: 'No (blank: draft)', format: 'draft, published or retired' },
    sample: { required: 'No', format: 'true for made-up demonstration content, otherwise false' },
    title: { required: 'Yes', format: `Text, ${max(RESOURCE_LIMITS.title)}` },
    provider: { required: 'Yes', format: `Who runs or publishes it, ${max(RESOURCE_LIMITS.provider)}` },
    url: { required: 'Yes', format: 'A web address starting with https:// or http://' },
    description: { required: 'Yes', format: `Text, ${max(RESOURCE_LIMITS.description)}` },
    format: { required: 'Yes', format: RESOURCE_FORMATS.join(', ') },
    duration_minutes: { required: 'Yes', format: `Whole minutes, from ${RESOURCE_LIMITS.minMinutes} to ${RESOURCE_LIMITS.maxMinutes.toLocaleString('en-GB')}` },
    cost_pence: { required: 'No (blank: free)', format: 'Whole pence: 1250 is £12.50, 0 is free' },
    cpd_accredited: { required: 'No (blank: false)', format: 'true or false (yes and no work too)' },
    cpd_detail: { required: 'No', format: `Who accredits it and for how much, ${max(RESOURCE_LIMITS.cpdDetail)}`, example: 'RCN CPD: 1 hour' },
    vendor_neutral: { required: 'Yes', format: 'true for vendor-neutral material, false for a supplier’s own' },
    audience_archetypes: { required: 'No (blank: everyone)', format: `Archetype ids separated by semicolons: ${index.doc.archetypes.map((a) => a.id).join(', ')}` },
    audience_note: { required: 'No', format: `Text, ${max(RESOURCE_LIMITS.audienceNote)}`, example: 'Radiographers using AI triage tools' },
    review_date: { required: 'No', format: 'When the content should next be checked, written yyyy-mm-dd', example: '2027-03-31' },
    outcomes: {
      required: 'To publish',
      format: `topic:level pairs separated by semicolons. Name each topic by its id or its label (see the topics list); levels are ${levelsOf(index, 'knowledge')} for knowledge and ${levelsOf(index, 'skill')} for skills`,
    },
    prerequisites: { required: 'No', format: 'Resources to take first, by id or exact title, separated by semicolons', example: 'Introduction to AI in health and care' },
    activity_id: {
      required: 'No',
      format: 'The xAPI activity id (an IRI) the learning platform reports completions of it with; its completed and passed statements then complete it in learners’ journeys',
      example: 'https://learninghub.nhs.uk/course/1234',
    },
  };
  return CSV_COLUMNS.map((column) => ({ column, ...guide[column], example: guide[column].example ?? example[column] }));
}

/** A file to fill in: the header and one example row, which imports as a draft as it stands. */
export function importTemplateCsv(index: FrameworkIndex): string {
  const example = exampleRow(index);
  return writeCsv(CSV_COLUMNS, [CSV_COLUMNS.map((c) => example[c])]);
}

export const TOPIC_LIST_COLUMNS = ['topic_id', 'topic_label', 'kind', 'levels', 'factor'] as const;

/** Every topic of the framework, with the id or label to write in `outcomes` and its levels. */
export function topicListCsv(index: FrameworkIndex): string {
  const rows = [...index.topicById.values()].map((t) => [
    t.id,
    t.label,
    t.kind,
    index.doc.taxonomy[t.kind].map((l) => l.id).join(';'),
    index.factorById.get(t.factor)?.label ?? t.factor,
  ]);
  return writeCsv(TOPIC_LIST_COLUMNS, rows);
}
