import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { advancedTopicsOf, rateAt, topLevelOf, verifyAt } from '../test/support/team-coverage-fixtures.ts';
import { AccountPages } from './support/account-pages.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { TeamCoveragePage } from './support/team-coverage-pages.ts';
import { TeamMdtPages } from './support/team-mdt-pages.ts';
import { TeamPlanPages } from './support/team-plan-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 13's whole journey across roles, as people walk it: an AI product lead builds Box 5's
 * tri-X AI MDT through the pages, reads its coverage and single points of failure, plans the
 * team's least learning and sends it; the Clinical safety officer finds it in her journey,
 * declines one item and completes another; the partner's engineer finds hers; the lead sees the
 * decline and the completion; a colleague outside the team gets "not found". Only people,
 * profiles, self-ratings and a small catalogue are seeded. Every page is checked with axe.
 */

const availability = browserAvailability();
const TEAM = 'tri-X AI MDT';
const SAFETY_CASE = 'Clinical safety cases for AI';
const MONITORING = 'Monitoring AI after deployment';
const DECLINE_REASON = 'I wrote the trust’s DCB0160 safety case course';

interface Person {
  id: string;
  organisationId: string;
  email: string;
}

describe.skipIf(!availability.isAvailable)(`the Box 5 AI MDT, walked by its lead and members${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let lead: CheckedTab;
  let member: CheckedTab;
  let stranger: CheckedTab;
  let partner: CheckedTab;
  const people: Record<'lola' | 'ruth' | 'kieran' | 'ivan' | 'pat' | 'sam', Person> = {} as never;
  let teamPath = '';
  let ruthsOnlyCount = 0;
  let ruthsVerifiedOnlyCount = 0;

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { ics, trust } = await createTestOrganisations(hub);
    const triadix = await hub.services.organisations.createOrganisation({ kind: 'partner', name: 'Triadix', parentId: ics.id });
    const person = async (name: string, organisationId = trust.id, roles: Parameters<typeof createTestPerson>[1]['roles'] = ['learner']) => {
      const p = await createTestPerson(hub, { organisationId, roles, name });
      return { id: p.id, organisationId, email: p.email };
    };
    people.lola = await person('Lola Lead', trust.id, ['learner', 'product-lead']);
    people.ruth = await person('Ruth Jones');
    people.kieran = await person('Kim Safety');
    people.ivan = await person('Ivan Ops');
    people.pat = await person('Pat Partner', triadix.id);
    people.sam = await person('Sam Stranger');
    const sue = await person('Sue Supervisor', trust.id, ['learner', 'supervisor']);
    const ed = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });

    const profiles = createPeopleRepository(hub.database.db);
    await profiles.saveProfile({ personId: people.ruth.id, organisationId: trust.id, archetypes: ['creator', 'user'], professionalGroup: 'medical-and-dental', setting: 'acute' });
    await profiles.saveProfile({ personId: people.kieran.id, organisationId: trust.id, archetypes: ['embedder'], professionalGroup: 'digital-data-and-technology', setting: 'acute' });
    await profiles.saveProfile({ personId: people.ivan.id, organisationId: trust.id, archetypes: ['embedder'], professionalGroup: 'digital-data-and-technology', setting: 'acute' });
    await profiles.saveProfile({ personId: people.pat.id, organisationId: triadix.id, archetypes: ['creator'], professionalGroup: 'outside-the-nhs', setting: 'industry-or-academia' });

    // Ruth meets the first three Creator topics (the first verified); Pat the third, so only
    // the first two rest on Ruth alone.
    const creatorTopics = [...advancedTopicsOf(hub, 'creator').keys()].slice(0, 3);
    for (const [i, topic] of creatorTopics.entries()) {
      const rating = await rateAt(hub, people.ruth, topic, topLevelOf(hub, topic));
      if (i === 0) await verifyAt(hub, rating, sue.id, new Date());
    }
    await rateAt(hub, people.pat, creatorTopics[2] ?? '', topLevelOf(hub, creatorTopics[2] ?? ''));
    const requirementsOf = (topics: string[], archetypes: string[]) => archetypes.reduce((n, a) => n + topics.reduce((m, t) => m + (advancedTopicsOf(hub, a).get(t)?.length ?? 0), 0), 0);
    ruthsOnlyCount = requirementsOf(creatorTopics.slice(0, 2), ['creator']) + requirementsOf(creatorTopics, ['user']);
    ruthsVerifiedOnlyCount = requirementsOf(creatorTopics.slice(0, 1), ['creator', 'user']);

    // Two Embedder topics nobody in the team meets, each taught by one resource too long for
    // Ivan's one-hour limit, so the plan asks Kim for both.
    const taken = new Set(creatorTopics);
    const embedderTopics = [...advancedTopicsOf(hub, 'embedder').keys()].filter((t) => !taken.has(t)).slice(0, 2);
    const publish = async (title: string, durationMinutes: number, topicId: string) => {
      const outcomes: ResourceInput['outcomes'] = [{ topicId, level: topLevelOf(hub, topicId) }];
      const created = await hub.services.catalogue.createResource({ viewer: viewerOf(ed), input: { ...RESOURCE_DEFAULTS, title, durationMinutes, outcomes } });
      await hub.services.catalogue.publishResource({ viewer: viewerOf(ed), id: created.id });
    };
    await publish(SAFETY_CASE, 75, embedderTopics[0] ?? '');
    await publish(MONITORING, 90, embedderTopics[1] ?? '');

    chromium = await launchChromium();
    lead = await openCheckedTab(chromium.browser);
    member = await openCheckedTab(chromium.browser);
    stranger = await openCheckedTab(chromium.browser);
    partner = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [lead, member, stranger, partner]);

  afterAll(async () => {
    await lead?.close();
    await member?.close();
    await stranger?.close();
    await partner?.close();
    await chromium?.close();
    await server?.close();
  });

  it('the lead finds AI MDTs from the start page and sets up the team, joining as its Driver', async () => {
    await signInChecked(lead, server.baseUrl, people.lola.email);
    const pages = new TeamMdtPages(lead.page, server.baseUrl);
    expect(pages.path()).toBe('/');
    await pages.openFromStartPage();
    await lead.checks.check();
    await expect(pages.headingText()).resolves.toBe('AI MDTs');
    await pages.startSettingUp();
    await lead.checks.check();
    await pages.fillTeam({ name: TEAM, purpose: 'Co-designs, deploys and monitors tri-X, the chest X-ray triage AI.', teamRole: 'ICS digital transformation lead', archetypes: ['Driver'] });
    await pages.press('Set up the team');
    await lead.checks.check();
    teamPath = new URL(lead.page.url()).pathname;
    await expect(pages.headingText()).resolves.toBe(TEAM);
    await expect(pages.memberRows()).resolves.toEqual([expect.stringMatching(/^Lola Lead Lead \| ICS digital transformation lead \| Driver \| /)]);
  });

  it('adds Box 5’s members by e-mail address, with their roles and archetypes', async () => {
    const pages = new TeamMdtPages(lead.page, server.baseUrl);
    const members = [
      { email: people.ruth.email, teamRole: 'Radiology consultant', archetypes: ['Creator', 'User'] },
      { email: people.kieran.email, teamRole: 'Clinical safety officer', archetypes: ['Embedder'] },
      { email: people.ivan.email, teamRole: 'IT officer', archetypes: ['Embedder'], hoursLimit: '1' },
      { email: people.pat.email, teamRole: 'Triadix machine learning engineer', archetypes: ['Creator'] },
    ];
    for (const m of members) {
      await pages.openAddMember();
      await lead.checks.check();
      await pages.addMember(m);
      await lead.checks.check();
      expect(pages.path()).toMatch(new RegExp(`^${teamPath}`));
    }
    const rows = await pages.memberRows();
    expect(rows).toContainEqual('Ruth Jones | Radiology consultant | Creator, User | Test Trust');
    expect(rows).toContainEqual('Pat Partner | Triadix machine learning engineer | Creator | Triadix');
    expect(rows).toContainEqual('Ivan Ops | IT officer | Embedder | Test Trust');
  });

  it('assigns some Box 4 responsibilities and reads what the team is missing', async () => {
    const pages = new TeamMdtPages(lead.page, server.baseUrl);
    const box4 = server.hub.services.assessmentFramework().index.doc.mdt?.responsibilities ?? [];
    expect(box4.length).toBe(10);
    await pages.press(lead.page.getByRole('button', { name: 'Assign responsibilities' }));
    await lead.checks.check();
    await pages.assign(box4[0] ?? '', ['Lola Lead (ICS digital transformation lead)']);
    await pages.assign(box4[1] ?? '', ['Kim Safety (Clinical safety officer)', 'Ruth Jones (Radiology consultant)']);
    await pages.press('Save responsibilities');
    await lead.checks.check();
    const held = await pages.responsibilityHolders();
    expect(held.get(box4[0] ?? '')).toBe('Lola Lead');
    expect(held.get(box4[1] ?? '')).toMatch(/Kim Safety/);
    expect(held.get(box4[2] ?? '')).toBe('Nobody holds this');
    await expect(pages.warnings()).resolves.toContain('The team has no patient and public representative');
  });

  it('reads the coverage, switches to verified levels and finds who the team rests on', async () => {
    const pages = new TeamMdtPages(lead.page, server.baseUrl);
    const coverage = new TeamCoveragePage(lead.page, server.baseUrl);
    await pages.follow('Coverage');
    await lead.checks.check();
    await expect(coverage.headingText()).resolves.toBe('What the team covers together');
    await expect(coverage.headline()).resolves.toMatch(/^Of the \d+ advanced requirements, \d+ (is|are) covered, \d+ (is|are) resting on one person/);
    await expect(coverage.singlePointsOfFailure()).resolves.toContain(`If Ruth Jones leaves, ${ruthsOnlyCount} requirements lose their only holder`);
    await coverage.chooseBasis('Verified levels');
    await lead.checks.check();
    const verified = ruthsVerifiedOnlyCount === 1 ? '1 requirement loses its only holder' : `${ruthsVerifiedOnlyCount} requirements lose their only holder`;
    await expect(coverage.singlePointsOfFailure()).resolves.toEqual([`If Ruth Jones leaves, ${verified}`]);
  });

  it('makes the team’s learning plan from the team page, reads why, and sends it', async () => {
    const pages = new TeamPlanPages(lead.page, server.baseUrl);
    // The coverage page leads on to what to do about the gaps; the lead goes by the team page.
    await expect(lead.page.getByRole('link', { name: 'team’s learning plan', exact: true }).getAttribute('href')).resolves.toBe(`${teamPath}/plan`);
    await pages.follow(`Back to ${TEAM}`);
    await lead.checks.check();
    await pages.follow('Learning plan');
    await lead.checks.check();
    await pages.chooseBasis('Self-rated levels');
    await pages.press('Make a plan');
    await lead.checks.check();
    await expect(pages.headingText()).resolves.toBe('The team’s learning plan');
    const lines = await pages.assignmentLines();
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${SAFETY_CASE} \\| 1 hour 15 minutes \\| Covers \\d+ requirements? nobody in the team meets`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${MONITORING} \\| 1 hour 30 minutes \\| Covers \\d+ requirements? nobody in the team meets`)));
    await expect(pages.mainText()).resolves.toMatch(/Kim Safety \(2 hours 45 minutes; meets \d+ more requirements\)/);
    await pages.press(lead.page.getByRole('button', { name: 'Send to the members' }));
    await lead.checks.check();
    await pages.press('Yes, send the plan');
    await lead.checks.check();
    await expect(pages.mainText()).resolves.toContain('The plan was sent.');
  });

  it('the Clinical safety officer follows the notification to her journey, declines one item and completes the other', async () => {
    await signInChecked(member, server.baseUrl, people.kieran.email);
    const account = new AccountPages(member.page, server.baseUrl);
    const journey = new JourneyPages(member.page, server.baseUrl);
    const plan = new TeamPlanPages(member.page, server.baseUrl);
    await account.openNotifications();
    await member.checks.check();
    const [note] = await account.notifications();
    expect(note).toMatch(new RegExp(`^New .*${TEAM}`));
    await member.page.locator('main ul.nhsuk-list--border > li').first().getByRole('link').click();
    await member.page.waitForLoadState('load');
    await member.checks.check();
    expect(journey.path()).toMatch(/^\/journey/);
    // Her journey holds only what the team asked: it says so, not "0 of your 0 gaps".
    await expect(plan.mainText()).resolves.toContain('This plan closes no gaps from your self-assessment; it holds what your AI MDT asked of you: 2 hours 45 minutes of learning still to do');
    await expect(member.page.getByRole('link', { name: 'Plan your own learning from your self-assessment' }).count()).resolves.toBe(1);
    await expect(plan.mainText()).resolves.toContain(`Asked for by ${TEAM}`);
    await expect(plan.mainText()).resolves.toMatch(new RegExp(`Why ${TEAM} asked you: it covers \\d+ requirements? nobody in the team meets`));

    // The team that asked is a link: she can see it (as a member, without managing it) and come back.
    await journey.follow(TEAM, member.page.locator('main'));
    await member.checks.check();
    await expect(journey.headingText()).resolves.toBe(TEAM);
    await expect(member.page.getByRole('button', { name: 'Add a member' }).count()).resolves.toBe(0);
    await journey.openJourney();
    await member.checks.check();
    await journey.follow(`Decline ${SAFETY_CASE}, asked for by ${TEAM}`);
    await member.checks.check();
    await plan.press('Decline');
    await member.checks.check();
    await expect(plan.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter why you are declining', href: '#reason' }]);
    await plan.fillDeclineReason(DECLINE_REASON);
    await plan.press('Decline');
    await member.checks.check();
    await expect(journey.bannerText()).resolves.toContain('Declined. Whoever sent the team’s plan has been told your reason.');
    await expect(plan.mainText()).resolves.not.toContain(`Decline ${SAFETY_CASE}`);

    await journey.pressOnItem(MONITORING, 'Start');
    await expect(journey.bannerText()).resolves.toContain('Marked as started.');
    await member.checks.check();
    await journey.follow('Back to your learning journey');
    await member.checks.check();
    await journey.pressOnItem(MONITORING, 'Mark as completed');
    await expect(journey.page.locator('.nhsuk-panel').textContent()).resolves.toContain('Marked as completed');
    await member.checks.check();
  });

  it('the partner’s machine learning engineer, in another organisation, finds the same request in her journey', async () => {
    await signInChecked(partner, server.baseUrl, people.pat.email);
    const journey = new JourneyPages(partner.page, server.baseUrl);
    await journey.openJourney();
    await partner.checks.check();
    await expect(journey.page.locator('main').textContent()).resolves.toContain(`Asked for by ${TEAM}`);
    await expect(journey.upcomingTitles()).resolves.toEqual(expect.arrayContaining([SAFETY_CASE, MONITORING]));
  });

  it('the lead sees the decline with its reason, the completion, and the notification', async () => {
    const account = new AccountPages(lead.page, server.baseUrl);
    const plan = new TeamPlanPages(lead.page, server.baseUrl);
    await account.openNotifications();
    await lead.checks.check();
    const notes = await account.notifications();
    expect(notes[0]).toMatch(/Kim Safety declined/);
    await lead.page.locator('main ul.nhsuk-list--border > li').first().getByRole('link').click();
    await lead.page.waitForLoadState('load');
    await lead.checks.check();
    await expect(plan.headingText()).resolves.toBe('The team’s learning plan');
    const lines = await plan.assignmentLines();
    expect(lines).toContainEqual(expect.stringContaining(`Declined because: ${DECLINE_REASON}`));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${MONITORING} .*Completed`)));
  });

  it('a colleague in the same trust who is not in the team is told the team is not found', async () => {
    await signInChecked(stranger, server.baseUrl, people.sam.email);
    const page = new TeamMdtPages(stranger.page, server.baseUrl);
    await page.open(teamPath, 404);
    await stranger.checks.check();
    await expect(page.headingText()).resolves.toMatch(/not found/i);
    await page.open('/teams');
    await stranger.checks.check();
    await expect(page.mainText()).resolves.not.toContain(TEAM);
  });
});
