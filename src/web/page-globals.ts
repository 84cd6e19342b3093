import { DEFAULT_FRAMEWORK_ID } from '../services/bundled-frameworks.ts';

const SECTIONS = [
  { id: 'archetypes', text: 'Archetypes', path: 'archetypes' },
  { id: 'requirements', text: 'Requirements', path: 'requirements' },
  { id: 'factors', text: 'Factors and levels', path: 'factors' },
  { id: 'questions', text: 'Product questions', path: 'question-sets' },
  { id: 'frameworks', text: 'Frameworks', path: null },
] as const;

/** Values every page template can use: the service name and the header navigation. */
export function pageGlobals() {
  return {
    serviceName: 'AI Confidence Hub',
    navigation(currentSection?: string) {
      return SECTIONS.map((s) => ({
        text: s.text,
        href: s.path ? `/frameworks/${DEFAULT_FRAMEWORK_ID}/${s.path}` : '/frameworks',
        active: s.id === currentSection,
      }));
    },
  };
}
