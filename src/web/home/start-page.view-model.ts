import { hasRole } from '../../services/identity/viewer.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { StartPage } from '../../services/people/start-page.service.ts';
import { formatDate, formatDateTime, formatIsoDate } from '../dates.ts';
import { formatMinutes, JOURNEY_PAGE, PLAN_PAGE } from '../journeys/journey.view-model.ts';
import { openNotificationPath } from '../notifications/notifications.routes.ts';
import { currencyTag, trainingActionText } from '../products/my-products.view-model.ts';
import type { StatusTag } from '../products/my-products.view-model.ts';
import { ASSURANCE_PATHS } from '../assurance/assurance.paths.ts';
import { PRODUCT_PATHS } from '../products/products.paths.ts';

export const PROFILE_PAGE = '/self-assessment/profile';
export const SELF_ASSESSMENT_PAGE = '/self-assessment';
/** The page a supervisor's staff live on (built beside this one); linked only for people who supervise someone. */
export const STAFF_PAGE = '/staff';

/** One thing the person should do, with where to do it. */
interface OwedItem {
  text: string;
  href: string;
  detail: string;
  tag: StatusTag;
}

function owedItems(page: StartPage): OwedItem[] {
  const products = page.productsOwed.map((p) => ({
    text: `${trainingActionText(p)}: ${p.deployment.productName}`,
    href: p.module ? PRODUCT_PATHS.takeModule(p.module.id) : PRODUCT_PATHS.mine,
    detail: p.module ? `${p.deployment.organisationName}, version ${p.module.versionLabel}` : `${p.deployment.organisationName}: its training is not published yet`,
    tag: currencyTag(p.status, p.dueBy),
  }));
  const returned = page.returned.map((r) => ({
    text: `Look again at “${r.topicLabel}”`,
    href: `/evidence/topics/${encodeURIComponent(r.topicId)}`,
    detail: `${r.supervisorName} returned your request for verification on ${formatDate(r.decidedAt)}${r.comment ? `: “${r.comment}”` : ''}`,
    tag: { text: 'Returned', classes: 'nhsuk-tag--orange' },
  }));
  const today = new Date().toISOString().slice(0, 10);
  const conditions = page.conditionsOwed.map((c) => ({
    text: `Do a condition of the ${c.productName} review`,
    href: ASSURANCE_PATHS.review(c.reviewId),
    detail: `${c.condition}, by ${formatIsoDate(c.dueOn)}`,
    tag: c.dueOn < today ? { text: 'Overdue', classes: 'nhsuk-tag--red' } : { text: 'Condition', classes: 'nhsuk-tag--blue' },
  }));
  return [...products, ...returned, ...conditions];
}

/** The self-assessment block: start with the profile, then rate, then read the summary. */
function assessmentBlock(page: StartPage) {
  const { rated, total } = page.assessment;
  if (!page.profileComplete) {
    return { text: 'Start by telling us about your work with AI. Your answers decide which requirements apply to you.', action: { text: 'Tell us about your work', href: PROFILE_PAGE } };
  }
  if (rated === 0) return { text: `${total} topics apply to you. You have not rated yourself on any yet.`, action: { text: 'Start your self-assessment', href: SELF_ASSESSMENT_PAGE } };
  if (rated < total) return { text: `You have rated yourself on ${rated} of ${total} topics.`, action: { text: 'Continue your self-assessment', href: SELF_ASSESSMENT_PAGE } };
  return { text: `You have rated yourself on all ${total} topics that apply to you.`, action: { text: 'See your summary', href: `${SELF_ASSESSMENT_PAGE}/summary` } };
}

function journeyBlock(page: StartPage) {
  if (!page.journey) return { text: 'You do not have a learning journey yet. The hub can plan one that closes your gaps in the time you have.', link: { text: 'Plan your learning journey', href: PLAN_PAGE } };
  const { next, remaining } = page.journey;
  if (!next) return { text: 'You have finished every item in your learning journey.', link: { text: 'See your learning journey', href: JOURNEY_PAGE } };
  const title = next.resource?.title ?? 'A removed resource';
  const duration = next.resource ? `, ${formatMinutes(next.resource.durationMinutes)}` : '';
  const started = next.item.status === 'started' ? 'You have started ' : 'Next: ';
  return { text: `${started}“${title}”${duration}. ${remaining} ${remaining === 1 ? 'item' : 'items'} to go.`, link: { text: 'Go to your learning journey', href: JOURNEY_PAGE } };
}

/** Links to the tools the person's roles give them; small, since each has its own navigation. */
function toolLinks(viewer: Viewer, page: StartPage) {
  const links: Array<{ text: string; href: string }> = [];
  if (page.supervision) {
    const { waiting } = page.supervision;
    links.push({ text: waiting === 0 ? 'No verification requests are waiting for you' : `${waiting} verification ${waiting === 1 ? 'request is' : 'requests are'} waiting for you`, href: '/verification' });
    if (page.supervision.supervisesSomeone) links.push({ text: 'My staff', href: STAFF_PAGE });
  }
  if (hasRole(viewer, 'educator')) links.push({ text: 'Curate the learning catalogue', href: '/catalogue' });
  if (hasRole(viewer, 'product-lead')) links.push({ text: 'Manage AI products and their training', href: PRODUCT_PATHS.list }, { text: 'Training currency', href: PRODUCT_PATHS.organisationCurrency });
  if (hasRole(viewer, 'organisation-admin')) links.push({ text: 'Your organisation', href: '/organisation' });
  // Drivers review before buying and Embedders before deploying; leads and admins may run either; anyone asked to review takes part.
  const reviewsProducts = hasRole(viewer, 'product-lead') || hasRole(viewer, 'organisation-admin') || page.reviewing || page.archetypes.some((a) => a === 'driver' || a === 'embedder');
  if (reviewsProducts) links.push({ text: 'Assurance reviews of AI products', href: ASSURANCE_PATHS.list });
  if (page.showsTeams) links.push({ text: 'AI MDTs', href: '/teams' });
  return links;
}

/** What the personal start page shows, in the order a person should act on it. */
export function startPageView(viewer: Viewer, page: StartPage) {
  return {
    pageTitle: 'Your start page',
    displayName: viewer.displayName,
    isNew: !page.profileComplete && page.assessment.rated === 0 && page.journey === null,
    owed: owedItems(page),
    productCount: page.productCount,
    assessment: assessmentBlock(page),
    journey: journeyBlock(page),
    notifications: page.notifications.map((n) => ({ message: n.message, created: formatDateTime(n.createdAt), href: openNotificationPath(n.id) })),
    moreNotifications: Math.max(0, page.unreadCount - page.notifications.length),
    tools: toolLinks(viewer, page),
  };
}
