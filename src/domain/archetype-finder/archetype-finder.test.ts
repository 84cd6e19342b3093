import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { listResponsibilityStatements, suggestArchetypes } from './archetype-finder.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));

describe('listResponsibilityStatements', () => {
  const statements = listResponsibilityStatements(index);

  it.each([
    ['shaper', 5],
    ['driver', 7],
    ['creator', 8],
    ['embedder', 8],
    ['user', 3],
  ])('%s has %i statements, numbered from 1 in document order', (archetype, count) => {
    const own = statements.filter((s) => s.archetype === archetype);
    expect(own.map((s) => s.id)).toEqual(Array.from({ length: count }, (_, i) => `${archetype}-r${i + 1}`));
    expect(own.map((s) => s.text)).toEqual(index.archetypeById.get(archetype)?.responsibilities);
  });

  it('lists archetypes in document order with unique ids', () => {
    expect([...new Set(statements.map((s) => s.archetype))]).toEqual(['shaper', 'driver', 'creator', 'embedder', 'user']);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    expect(statements.find((s) => s.id === 'user-r3')?.text).toBe('Communicate with patients and the public about AI');
  });
});

describe('suggestArchetypes', () => {
  it.each([
    ['nothing ticked', [], []],
    ['one User statement', ['user-r1'], [['user', 1]]],
    ['more Creator than Embedder ticks', ['embedder-r6', 'creator-r1', 'creator-r4'], [['creator', 2], ['embedder', 1]]],
    ['a tie keeps document order', ['user-r2', 'shaper-r3'], [['shaper', 1], ['user', 1]]],
    ['a tie below a leader', ['user-r1', 'user-r2', 'driver-r7', 'shaper-r1'], [['user', 2], ['shaper', 1], ['driver', 1]]],
    ['repeated ticks count once', ['driver-r1', 'driver-r1', 'shaper-r1', 'shaper-r2'], [['shaper', 2], ['driver', 1]]],
    [
      'one tick for every archetype: all suggested, not one chosen',
      ['user-r1', 'embedder-r1', 'creator-r1', 'driver-r1', 'shaper-r1'],
      [['shaper', 1], ['driver', 1], ['creator', 1], ['embedder', 1], ['user', 1]],
    ],
  ])('%s', (_name, ticked, expected) => {
    expect(suggestArchetypes(index, ticked).map((s) => [s.archetype.id, s.ticked.length])).toEqual(expected);
  });

  it('describes each suggestion by the archetype’s purpose and shows what was ticked', () => {
    const [user] = suggestArchetypes(index, ['user-r3', 'user-r1']);
    expect(user?.description).toBe('Use AI technologies within healthcare settings');
    expect(user?.ticked.map((s) => s.id)).toEqual(['user-r1', 'user-r3']);
    expect(user?.total).toBe(3);
  });

  it.each([['user-r4'], ['user-r0'], ['surgeon-r1'], ['']])('rejects the unknown id %j', (id) => {
    expect(() => suggestArchetypes(index, ['user-r1', id])).toThrow(/Unknown responsibility statement/);
  });

  it('does not parse ids, so archetype ids containing "-r" are safe', () => {
    const mini = miniFramework({
      archetypes: [
        { id: 'data-reviewer', responsibilities: ['Review data', 'Sign off data'] },
        { id: 'data', responsibilities: ['Hold data'] },
      ],
      requirements: [['f1', 'foundational', null, 'governance', 'knowledge', 'awareness']],
    });
    expect(listResponsibilityStatements(mini).map((s) => s.id)).toEqual(['data-reviewer-r1', 'data-reviewer-r2', 'data-r1']);
    expect(suggestArchetypes(mini, ['data-r1']).map((s) => s.archetype.id)).toEqual(['data']);
    expect(() => suggestArchetypes(mini, ['data-reviewer-r3'])).toThrow(/Unknown/);
  });
});
