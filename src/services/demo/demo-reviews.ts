import { isPlatformRole } from '../../domain/people/platform-roles.ts';
import type { SupplierServices } from '../assurance/supplier-services.ts';
import type { OpenLink } from '../assurance/supplier-portal.service.ts';
import type { AssuranceRepository } from '../../db/assurance.repository.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import type { AssuranceService } from '../assurance/assurance-services.ts';
import type { Viewer } from '../identity/viewer.ts';
import { DEMO_ORGANISATIONS, demoEmail } from './demo-dataset.ts';
import { DEMO_REVIEWS } from './demo-review-data.ts';
import type { DemoAnswer, DemoReview } from './demo-review-data.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoReviewDeps {
  assurance: () => Pick<AssuranceService, 'startReview' | 'addReviewer' | 'moveStatus' | 'recordAnswer' | 'addEvidence' | 'getReview' | 'decide' | 'markActionDone'>;
  assuranceRepository: Pick<AssuranceRepository, 'listReviewsOf'>;
  /** The supplier's side: the Holpot Hill supplier answers through a real link. */
  supplier: () => Pick<SupplierServices, 'links' | 'resolveLink' | 'portal'>;
  productRepository: Pick<ProductRepository, 'listProductsFor' | 'listShares' | 'insertShare'>;
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail'>;
  organisationRepository: Pick<OrganisationRepository, 'listOrganisations'>;
  now: () => Date;
}

/**
 * Loads the demo assurance reviews through the same services people use, so their history,
 * notifications and audit are real. The supplier's answers at Holpot Hill are written as the
 * supplier's link would write them (recorded via the supplier, nobody signed in). Each review is
 * skipped when its organisation already has one of that product and stage: loading is idempotent.
 */
export function createDemoReviews(deps: DemoReviewDeps) {
  async function viewerOf(key: string): Promise<Viewer> {
    const person = await deps.peopleRepository.findPersonByEmail(demoEmail(key));
    if (!person) throw new Error(`demo person ${key} is missing`);
    return { personId: person.id, organisationId: person.organisationId, displayName: person.displayName, email: person.email, roles: person.roles.filter(isPlatformRole) };
  }

  async function organisationIds(): Promise<Map<string, string>> {
    const byName = new Map((await deps.organisationRepository.listOrganisations()).map((o) => [o.name, o.id]));
    return new Map(DEMO_ORGANISATIONS.flatMap((o) => (byName.has(o.name) ? [[o.key, byName.get(o.name) as string] as const] : [])));
  }

  const dayFromNow = (days: number) => new Date(deps.now().getTime() + days * DAY_MS).toISOString().slice(0, 10);

  /** The product the starter sees by that name; a procurement review of another's product needs it shared first. */
  async function productFor(starter: Viewer, name: string): Promise<string> {
    const owned = await deps.productRepository.listProductsFor([starter.organisationId]);
    const product = owned.find((p) => p.name === name) ?? (await shareWith(starter, name));
    return product.id;
  }

  /** Linchester ICS buys tri-X from Triadix as Nymouth did: its record is shared with Linchester. */
  async function shareWith(starter: Viewer, name: string) {
    const all = await deps.productRepository.listProductsFor([...(await organisationIds()).values()]);
    const product = all.find((p) => p.name === name);
    if (!product) throw new Error(`demo product ${name} is missing`);
    if (!(await deps.productRepository.listShares(product.id)).some((s) => s.organisationId === starter.organisationId)) {
      await deps.productRepository.insertShare({ productId: product.id, organisationId: starter.organisationId, sharedBy: starter.personId });
    }
    return product;
  }

  async function exists(starter: Viewer, demo: DemoReview): Promise<boolean> {
    const reviews = await deps.assuranceRepository.listReviewsOf([starter.organisationId]);
    return reviews.some((r) => r.productName === demo.productName && r.stage === demo.stage && r.organisationId === starter.organisationId);
  }

  /** The lead sends a link and the supplier answers through it and submits, as a real supplier would. */
  async function answeredBySupplier(lead: Viewer, reviewId: string, answers: readonly DemoAnswer[]): Promise<void> {
    const supplier = deps.supplier();
    const { url } = await supplier.links.createSupplierLink({ viewer: lead, reviewId, input: { supplierName: 'The booking assistant’s supplier (demo data)' } });
    const resolved = await supplier.resolveLink(url.split('/').pop() ?? '', '127.0.0.1');
    if (resolved.state !== 'open') throw new Error(`the demo supplier link is ${resolved.state}`);
    const opened: OpenLink = { ...resolved, state: 'open' };
    await supplier.portal.saveResponses(opened, new Map(answers.map((a) => [a.questionId, a.supplierResponse])));
    for (const answer of answers) if (answer.evidence) await supplier.portal.addEvidence(opened, answer.questionId, { kind: 'link', ...answer.evidence });
    await supplier.portal.submit(opened);
  }

  async function answerAsReviewer(lead: Viewer, reviewId: string, answer: DemoAnswer): Promise<void> {
    const ownerId = answer.owner ? (await viewerOf(answer.owner)).personId : null;
    const change = { supplierResponse: answer.supplierResponse, judgement: answer.judgement ?? null, notApplicableReason: answer.notApplicableReason ?? '', riskNote: answer.riskNote ?? '', ownerId, expectedAnswerId: null };
    await deps.assurance().recordAnswer({ viewer: lead, reviewId, questionId: answer.questionId, change });
    if (answer.evidence) await deps.assurance().addEvidence({ viewer: lead, reviewId, questionId: answer.questionId, evidence: { kind: 'link', ...answer.evidence } });
  }

  async function decide(reviewId: string, decision: NonNullable<DemoReview['decision']>): Promise<void> {
    const assurance = deps.assurance();
    const maker = await viewerOf(decision.by);
    const details = await assurance.getReview({ viewer: maker, reviewId });
    const unansweredReasons = Object.fromEntries(details.questions.filter((q) => !q.answer?.judgement).map((q) => [q.question.id, decision.unjudgedReason]));
    const conditions = await Promise.all(decision.conditions.map(async (c) => ({ condition: c.condition, ownerId: (await viewerOf(c.owner)).personId, dueOn: dayFromNow(c.dueInDays) })));
    await assurance.decide({ viewer: maker, reviewId, version: details.review.version, input: { outcome: decision.outcome, statement: decision.statement, unansweredReasons, conditions } });
    const actions = (await assurance.getReview({ viewer: maker, reviewId })).actions;
    for (const c of decision.conditions) {
      const action = actions.find((a) => a.condition === c.condition);
      if (c.doneBy && action) await assurance.markActionDone({ viewer: await viewerOf(c.doneBy), reviewId, actionId: action.id, note: 'Done (demo data).' });
    }
  }

  async function loadReview(demo: DemoReview, places: Map<string, string>): Promise<void> {
    const assurance = deps.assurance();
    const starter = await viewerOf(demo.startedBy);
    if (await exists(starter, demo)) return;
    const lead = await viewerOf(demo.lead);
    const input = { productId: await productFor(starter, demo.productName), stage: demo.stage, leadId: lead.personId, dueOn: dayFromNow(demo.dueInDays), ...(demo.deploymentOrganisation ? { deploymentOrganisationId: places.get(demo.deploymentOrganisation) } : {}) };
    const review = await assurance.startReview({ viewer: starter, input });
    for (const key of demo.reviewers) await assurance.addReviewer({ viewer: lead, reviewId: review.id, personId: (await viewerOf(key)).personId });
    const move = async (event: 'send-to-supplier' | 'start-review') => {
      const version = (await assurance.getReview({ viewer: lead, reviewId: review.id })).review.version;
      await assurance.moveStatus({ viewer: lead, reviewId: review.id, version, event });
    };
    if (demo.answeredBySupplier) await answeredBySupplier(lead, review.id, demo.answers); // sending the link and submitting move it on
    else {
      await move('send-to-supplier');
      await move('start-review');
      for (const answer of demo.answers) await answerAsReviewer(lead, review.id, answer);
    }
    if (demo.decision) await decide(review.id, demo.decision);
  }

  return {
    /** Loads each demo review not yet there; needs the demo people and products loaded first. */
    async loadDemoReviews(): Promise<void> {
      const places = await organisationIds();
      for (const demo of DEMO_REVIEWS) await loadReview(demo, places);
    },
  };
}
export type DemoReviews = ReturnType<typeof createDemoReviews>;
