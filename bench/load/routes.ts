import { FIELD_PREFIX } from '../../src/web/self-assessment/self-assessment.view-model.ts';
import { SAVED_FACTOR } from './bench-people.ts';
import type { BenchLearner, RatableTopic, SeededHub, SignedInPerson } from './bench-people.ts';

/**
 * The mixed workload: what signed-in learners (and their supervisors) ask for, each request by a
 * person picked at random. Weights are shares of the load: 85 for page and API reads, 15 for
 * rating saves.
 */

/** `page`: a signed-in page view; `api`: a JSON read; `save`: a rating save. */
export type RouteKind = 'page' | 'api' | 'save';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  person: SignedInPerson;
  /** Sent urlencoded, as a browser sends a form. */
  form?: Record<string, string>;
}

export interface RouteSpec {
  label: string;
  kind: RouteKind;
  weight: number;
  /** Any other answer is an error: a page that redirects to sign-in has failed too. */
  expectedStatus: number;
  next(): HttpCall;
}

function randomOf<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nobody to pick from');
  return item;
}

/** A level other than the one last stored, so every save changes the rating (and the views that depend on it). */
function changedLevel(topic: RatableTopic): string {
  const level = randomOf(topic.scale.filter((l) => l !== topic.level));
  topic.level = level;
  return level;
}

function ratingSave(learner: BenchLearner): HttpCall {
  const ratings = Object.fromEntries(learner.literacyTopics.map((t) => [`${FIELD_PREFIX}${t.topicId}`, changedLevel(t)]));
  return { method: 'POST', path: `/self-assessment/factors/${SAVED_FACTOR}`, person: learner, form: { _csrf: learner.csrfToken, ...ratings, then: 'overview' } };
}

export function mixedRoutes({ learners, supervisors }: Pick<SeededHub, 'learners' | 'supervisors'>): RouteSpec[] {
  const read = (label: string, kind: RouteKind, weight: number, path: (learner: BenchLearner) => string): RouteSpec => ({
    label,
    kind,
    weight,
    expectedStatus: 200,
    next: () => {
      const learner = randomOf(learners);
      return { method: 'GET', path: path(learner), person: learner };
    },
  });
  return [
    read('GET /self-assessment/factors/:factor', 'page', 13, (l) => `/self-assessment/factors/${randomOf(l.factorIds)}`),
    read('GET /self-assessment/summary', 'page', 9, () => '/self-assessment/summary'),
    read('GET /self-assessment (overview)', 'page', 9, () => '/self-assessment'),
    read('GET /journey', 'page', 9, () => '/journey'),
    read('GET / (signed in)', 'page', 9, () => '/'),
    read('GET /products/mine', 'page', 9, () => '/products/mine'),
    read('GET /frameworks/…/requirements (signed in)', 'page', 9, () => '/frameworks/dart-ed-2022/requirements'),
    read('GET /api/v1/me/assessment', 'api', 9, () => '/api/v1/me/assessment'),
    { label: 'GET /verification (supervisors)', kind: 'page', weight: 9, expectedStatus: 200, next: () => ({ method: 'GET', path: '/verification', person: randomOf(supervisors) }) },
    { label: `POST /self-assessment/factors/${SAVED_FACTOR}`, kind: 'save', weight: 15, expectedStatus: 303, next: () => ratingSave(randomOf(learners)) },
  ];
}

/** Factor pages of random learners: the light load that watches for stalls during uploads. */
export function probeRoute(learners: readonly BenchLearner[]): RouteSpec {
  return {
    label: 'probe: GET /self-assessment/factors/:factor',
    kind: 'page',
    weight: 1,
    expectedStatus: 200,
    next: () => {
      const learner = randomOf(learners);
      return { method: 'GET', path: `/self-assessment/factors/${randomOf(learner.factorIds)}`, person: learner };
    },
  };
}
