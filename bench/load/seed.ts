import { createRepositories } from '../../src/db/index.ts';
import type { Hub } from '../../src/hub.ts';
import { csrf } from '../../src/services/identity/session.service.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { SESSION_COOKIE } from '../../src/web/session.plugin.ts';
import { SAVED_FACTOR } from './bench-people.ts';
import type { BenchLearner, SeededHub, SignedInPerson } from './bench-people.ts';
import { planLearners } from './population.ts';
import { askForVerification, insertRatings, readQuestions } from './seed-activity.ts';
import type { LearnerWithQuestions, QuestionTopic } from './seed-activity.ts';
import { insertPeople } from './seed-people.ts';

/**
 * Seeds a hub, in this process, before the server opens the database: the demo data, then the
 * load test's learners and supervisors with their history, then a session for each (started
 * directly: the sign-in route is rate-limited and its password hashing slow on purpose).
 */
export async function seedLoadTest(hub: Hub, options: { learners: number }): Promise<SeededHub> {
  const started = performance.now();
  const { services } = hub;
  const repos = createRepositories(hub.database.db);
  await services.demo.loadDemoData();

  const people = await insertPeople(repos, planLearners(options.learners));
  const learners: LearnerWithQuestions[] = [];
  for (const learner of people.learners) learners.push({ ...learner, questions: await readQuestions(services, learner.viewer) });
  const framework = services.assessmentFramework();
  const ratings = await insertRatings(repos, { id: framework.id, version: framework.version }, learners);
  const verification = await askForVerification(services, learners, people.supervisors, ratings.current);

  async function signIn(viewer: Viewer): Promise<SignedInPerson> {
    const session = await services.sessions.startSession({ personId: viewer.personId });
    return { personId: viewer.personId, displayName: viewer.displayName, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: csrf.createToken(session.csrfSecret) };
  }
  async function benchLearner(viewer: Viewer, questions: readonly QuestionTopic[], levels: ReadonlyMap<string, string> | undefined): Promise<BenchLearner> {
    const literacy = questions.filter((q) => q.factorId === SAVED_FACTOR);
    if (literacy.length === 0) throw new Error(`${viewer.displayName} has no questions on ${SAVED_FACTOR}, the page the workload saves`);
    return {
      ...(await signIn(viewer)),
      factorIds: [...new Set(questions.map((q) => q.factorId))],
      literacyTopics: literacy.map((q) => ({ topicId: q.topicId, scale: q.scale, level: levels?.get(q.topicId) })),
    };
  }

  const benchLearners: BenchLearner[] = [];
  for (const learner of learners) benchLearners.push(await benchLearner(learner.viewer, learner.questions, ratings.current.get(learner.viewer.personId)));
  const supervisors: SignedInPerson[] = [];
  for (const supervisor of people.supervisors) supervisors.push(await signIn(supervisor));
  const uploader = await benchLearner(people.uploader, await readQuestions(services, people.uploader), undefined);

  return {
    learners: benchLearners,
    supervisors,
    uploader,
    counts: {
      learners: benchLearners.length,
      supervisors: supervisors.length,
      ratingRows: ratings.rows,
      evidence: verification.evidence,
      pendingRequests: verification.pending,
      decidedRequests: verification.decided,
      triXUsers: people.triXUsers,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
