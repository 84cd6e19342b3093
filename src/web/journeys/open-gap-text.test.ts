import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { indexFramework } from '../../domain/framework/framework-index.ts';
import { openGapReasonText } from './open-gap-text.ts';
import type { GapForText } from './open-gap-text.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const TOPIC = 'ai-definitions';
const gap = (extra: Partial<GapForText>): GapForText => ({ topicId: TOPIC, target: 'familiarity', ...extra });

describe('openGapReasonText', () => {
  it.each<[string, GapForText, string]>([
    ['no reason recorded (an older journey)', gap({}), ''],
    ['nothing teaches it', gap({ reason: { taughtUpTo: null } }), 'Nothing in the catalogue teaches this yet.'],
    ['taught only below the target', gap({ reason: { taughtUpTo: 'awareness' } }), 'Familiarity is not taught in the catalogue yet.'],
    ['partly closed by the catalogue', gap({ reached: 'awareness', reason: { taughtUpTo: 'awareness' } }), 'Reaches Awareness; Familiarity is not taught in the catalogue yet.'],
    [
      'three resources left out by one filter',
      gap({ reason: { taughtUpTo: 'understanding', leftOut: { level: 'familiarity', resources: 3, byFilter: [{ filter: 'free', resources: 3 }] } } }),
      '3 resources would close this but are not free.',
    ],
    [
      'one resource left out by two filters',
      gap({ reason: { taughtUpTo: 'familiarity', leftOut: { level: 'familiarity', resources: 1, byFilter: [{ filter: 'free', resources: 1 }, { filter: 'format', resources: 1 }] } } }),
      '1 resource would close this but it is not free and is not in a format you chose.',
    ],
    [
      'several resources, several filters',
      gap({ reason: { taughtUpTo: 'familiarity', leftOut: { level: 'familiarity', resources: 3, byFilter: [{ filter: 'free', resources: 2 }, { filter: 'accredited', resources: 1 }] } } }),
      '3 resources would close this but your settings leave them out: 2 are not free; 1 is not CPD accredited.',
    ],
    [
      'partly closed: the rest is not free',
      gap({ reached: 'awareness', reason: { taughtUpTo: 'familiarity', leftOut: { level: 'familiarity', resources: 1, byFilter: [{ filter: 'free', resources: 1 }] } } }),
      'Reaches Awareness; 1 resource would close this but is not free.',
    ],
    [
      'only a lower level is taught, and that is left out',
      gap({ reason: { taughtUpTo: 'awareness', leftOut: { level: 'awareness', resources: 2, byFilter: [{ filter: 'vendor-neutral', resources: 2 }] } } }),
      'Familiarity is not taught in the catalogue yet. 2 resources would take you to Awareness but are supplier material, not vendor-neutral.',
    ],
    [
      'left out by a swap, a template and a prerequisite',
      gap({ reason: { taughtUpTo: 'familiarity', leftOut: { level: 'familiarity', resources: 3, byFilter: [{ filter: 'swapped-out', resources: 1 }, { filter: 'not-in-template', resources: 1 }, { filter: 'prerequisite', resources: 1 }] } } }),
      '3 resources would close this but your settings leave them out: 1 is one you swapped out; 1 is not in the journey template you are following; 1 needs a resource first that your settings leave out.',
    ],
    ['taught to the target, yet nothing usable', gap({ reason: { taughtUpTo: 'familiarity' } }), 'No resource you can take teaches it yet.'],
  ])('%s', (_, input, text) => {
    expect(openGapReasonText(index, input)).toBe(text);
  });
});
