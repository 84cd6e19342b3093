import type { Viewer } from '../../src/services/identity/viewer.ts';

/**
 * The AI products tests register, as the JSON API takes them: tri-X from the report's Box 2 (used
 * in clinical decision making, so its module has the clinical-use sections, R3) and a rota tool
 * that is not. Tests add or blank facts with spreads where they need to.
 */
export const TRI_X = {
  name: 'tri-X',
  manufacturer: 'Triadix',
  intendedUse: 'Prioritises chest X-rays for review by radiologists.',
  exclusionCriteria: 'Under-16s; portable films.',
  clinicalDecisionMaking: true,
  autonomy: 'human-in-the-loop',
  deviceClass: 'Class IIa',
  marking: 'UKCA',
  contacts: 'AI MDT clinical scientist',
};

export const ROTA = { name: 'RotaBot', manufacturer: 'Shiftly', intendedUse: 'Drafts staff rotas.', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop' };

/** A knowledge check with one single- and one multiple-answer question; passing needs both right. */
export const CHECK = {
  passMarkPercent: 100,
  questions: [
    { id: 'q1', prompt: 'Who reviews each flagged film?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] },
    { id: 'q2', prompt: 'Which films is it not for?', kind: 'multiple', options: [{ id: 'a', text: 'Under-16s' }, { id: 'b', text: 'Portable films' }, { id: 'c', text: 'Adult PA films' }], correct: ['a', 'b'] },
  ],
};

/** A person made by the fixtures, as the services see them when they act. */
export function viewerOf(person: { id: string; organisationId: string; displayName: string; email: string; roles: readonly string[] }): Viewer {
  return { personId: person.id, organisationId: person.organisationId, displayName: person.displayName, email: person.email, roles: person.roles as Viewer['roles'] };
}
