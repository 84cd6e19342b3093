import type { Database } from '../../src/db/client.ts';
import type { Repositories } from '../../src/db/index.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import type { KnowledgeCheck } from '../../src/domain/products/index.ts';
import type { PlatformRole } from '../../src/domain/people/platform-roles.ts';
import { DEMO_ORGANISATIONS } from '../../src/services/demo/demo-dataset.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { SUPERVISOR_WORKPLACE, supervisorCount } from './population.ts';
import type { LearnerPlan } from './population.ts';

/**
 * The load test's people, in the demo organisations: supervisors, learners with their profiles and
 * supervisions, and tri-X users with their training passes. One transaction, through repositories.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL_DOMAIN = 'load.bench.example';

export interface SeededLearner {
  viewer: Viewer;
  plan: LearnerPlan;
}

export interface SeededPeople {
  learners: SeededLearner[];
  supervisors: Viewer[];
  uploader: Viewer;
  triXUsers: number;
}

/** tri-X at Nymouth ICS as the demo data deployed it: its deployment and each version's published module. */
interface TriXDeployment {
  deploymentId: string;
  leadId: string;
  dueBy: Date;
  passes: Map<string, { moduleId: string; versionId: string; answers: Record<string, string[]>; total: number }>;
}

export async function demoOrganisationIds(repos: Repositories): Promise<Map<string, string>> {
  const byName = new Map((await repos.organisations.listOrganisations()).map((o) => [o.name, o.id]));
  const ids = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const id = byName.get(o.name);
    if (!id) throw new Error(`the demo organisation ${o.name} is missing: load the demo data first`);
    ids.set(o.key, id);
  }
  return ids;
}

async function findTriX(repos: Repositories, icsId: string): Promise<TriXDeployment> {
  const deployment = (await repos.products.listActiveDeploymentsIn([icsId])).find((d) => d.productName === 'tri-X');
  if (!deployment?.liveSince) throw new Error('the demo tri-X deployment is missing or not live');
  const passes: TriXDeployment['passes'] = new Map();
  for (const version of await repos.products.listVersions(deployment.productId)) {
    const module = await repos.productTraining.findModuleForVersion(version.id);
    if (!module) continue;
    const check = module.knowledgeCheck as KnowledgeCheck;
    passes.set(version.label, { moduleId: module.id, versionId: version.id, answers: Object.fromEntries(check.questions.map((q) => [q.id, q.correct])), total: check.questions.length });
  }
  const dueBy = new Date(new Date(deployment.liveSince).getTime() + deployment.refresherDays * DAY_MS);
  return { deploymentId: deployment.id, leadId: deployment.createdBy, dueBy, passes };
}

async function insertPerson(repos: Repositories, tx: Database, fields: { organisationId: string; key: string; displayName: string; roles: PlatformRole[] }): Promise<Viewer> {
  const row = await repos.people.insertPerson({ organisationId: fields.organisationId, email: `${fields.key}@${EMAIL_DOMAIN}`, displayName: fields.displayName, roles: fields.roles }, tx);
  return { personId: row.id, organisationId: row.organisationId, displayName: row.displayName, email: row.email, roles: fields.roles };
}

/** Links a tri-X user to the deployment and records the pass their plan gives them. */
async function linkTriXUser(repos: Repositories, tx: Database, triX: TriXDeployment, learner: SeededLearner): Promise<void> {
  const { viewer, plan } = learner;
  const now = Date.now();
  await repos.products.insertDeploymentUser(
    { organisationId: viewer.organisationId, deploymentId: triX.deploymentId, personId: viewer.personId, source: 'assigned', linkedBy: triX.leadId, linkedAt: new Date(now - 40 * DAY_MS), dueBy: triX.dueBy },
    tx,
  );
  const passedLabel = plan.triX === 'refresher-due' ? '1.0' : plan.triX === 'current' ? '1.1' : null;
  const pass = passedLabel ? triX.passes.get(passedLabel) : undefined;
  if (!pass) return;
  await repos.productTraining.insertAttempt(
    { organisationId: viewer.organisationId, personId: viewer.personId, moduleId: pass.moduleId, productVersionId: pass.versionId, answers: pass.answers, correct: pass.total, total: pass.total, passed: true, attemptedAt: new Date(now - (passedLabel === '1.0' ? 38 : 3) * DAY_MS) },
    tx,
  );
}

export async function insertPeople(repos: Repositories, plans: readonly LearnerPlan[]): Promise<SeededPeople> {
  const organisations = await demoOrganisationIds(repos);
  const organisationOf = (key: string) => organisations.get(key) ?? '';
  const triX = await findTriX(repos, organisationOf('nymouth-ics'));
  return inTransaction(repos.db, async (tx) => {
    const supervisors: Viewer[] = [];
    for (let i = 0; i < supervisorCount(plans.length); i++) {
      const number = String(i + 1).padStart(2, '0');
      const supervisor = await insertPerson(repos, tx, { organisationId: organisationOf(SUPERVISOR_WORKPLACE), key: `supervisor-${number}`, displayName: `Bench Supervisor ${number}`, roles: ['learner', 'supervisor'] });
      await repos.people.saveProfile({ personId: supervisor.personId, organisationId: supervisor.organisationId, archetypes: ['user', 'embedder'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true }, tx);
      supervisors.push(supervisor);
    }
    const learners: SeededLearner[] = [];
    let triXUsers = 0;
    for (const plan of plans) {
      const number = String(plan.index + 1).padStart(5, '0');
      const viewer = await insertPerson(repos, tx, { organisationId: organisationOf(plan.organisationKey), key: `learner-${number}`, displayName: `Bench Learner ${number}`, roles: ['learner'] });
      const { archetypes, professionalGroup, setting, clinicalDecisionMaking } = plan;
      await repos.people.saveProfile({ personId: viewer.personId, organisationId: viewer.organisationId, archetypes, professionalGroup, setting, clinicalDecisionMaking }, tx);
      const supervisor = supervisors[plan.supervisorIndex];
      if (!supervisor) throw new Error(`no supervisor ${plan.supervisorIndex}`);
      await repos.supervisions.insertSupervision({ organisationId: viewer.organisationId, supervisorId: supervisor.personId, learnerId: viewer.personId, assignedBy: supervisor.personId }, tx);
      const learner = { viewer, plan };
      if (plan.triX) {
        await linkTriXUser(repos, tx, triX, learner);
        triXUsers++;
      }
      learners.push(learner);
    }
    const uploader = await insertPerson(repos, tx, { organisationId: organisationOf(SUPERVISOR_WORKPLACE), key: 'uploader', displayName: 'Bench Uploader', roles: ['learner'] });
    await repos.people.saveProfile({ personId: uploader.personId, organisationId: uploader.organisationId, archetypes: ['user'], professionalGroup: 'allied-health-professionals', setting: 'acute', clinicalDecisionMaking: true }, tx);
    return { learners, supervisors, uploader, triXUsers };
  });
}
