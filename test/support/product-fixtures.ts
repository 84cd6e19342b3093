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

/** The API calls a product lead's test session makes. */
interface LeadApi {
  api(method: string, url: string, body?: unknown): Promise<{ statusCode: number; json(): unknown }>;
}

/**
 * Writes every section of a version's module in the lead's own words, adds CHECK, and publishes
 * it: training must be published before a version can go live (issue 11). Returns the module id.
 */
export async function publishTrainingFor(lead: LeadApi, productId: string, versionId: string): Promise<string> {
  const url = `/api/v1/products/${productId}/versions/${versionId}/module`;
  const draft = (await lead.api('GET', url)).json() as { version: number | null; sections: Array<{ requirementId: string; statement: string }> };
  const sections = Object.fromEntries(draft.sections.map((s) => [s.requirementId, `Our local guidance on: ${s.statement}`]));
  const reviewed = draft.sections.map((s) => s.requirementId);
  const saved = await lead.api('PUT', url, { ...(draft.version === null ? {} : { version: draft.version }), sections, reviewed, knowledgeCheck: CHECK });
  if (saved.statusCode !== 200) throw new Error(`saving the module failed: ${JSON.stringify(saved.json())}`);
  const published = await lead.api('POST', `${url}/publish`, {});
  if (published.statusCode !== 200) throw new Error(`publishing the module failed: ${JSON.stringify(published.json())}`);
  return (published.json() as { moduleId: string }).moduleId;
}
