import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiMdtMembers, aiMdts } from '../src/db/schema.ts';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { TeamPlanPages } from './support/team-plan-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A team lead makes the team's learning plan and sends it; a member finds what the team asked in
 * her journey and declines one item, saying why; the lead sees it. Every page is checked with axe.
 */

const availability = browserAvailability();
const TEAM = 'tri-X AI MDT';

describe.skipIf(!availability.isAvailable)(`a team's least learning${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let lead: CheckedTab;
  let member: CheckedTab;
  let teamId = '';
  const emails = { lead: '', member: '' };

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const leadP = await createTestPerson(hub, { organisationId: trust.id, name: 'Lola Lead' });
    const memberP = await createTestPerson(hub, { organisationId: trust.id, name: 'Kieran Shah' });
    const educatorP = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });
    Object.assign(emails, { lead: leadP.email, member: memberP.email });
    const viewer: Viewer = { personId: educatorP.id, organisationId: trust.id, displayName: educatorP.displayName, email: educatorP.email, roles: ['learner', 'educator'] };
    const publish = async (title: string, durationMinutes: number, outcomes: ResourceInput['outcomes']) => {
      const created = await hub.services.catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes, outcomes } });
      await hub.services.catalogue.publishResource({ viewer, id: created.id });
    };
    await publish('Data protection for AI', 25, [{ topicId: 'gdpr-for-healthcare-ai', level: 'familiarity' }]);
    await publish('SaMD governance', 30, [{ topicId: 'samd-clinical-governance', level: 'familiarity' }]);
    const db = hub.database.db;
    const [team] = await db.insert(aiMdts).values({ organisationId: trust.id, name: TEAM, purpose: 'Safe adoption of tri-X', coveredArchetypes: ['shaper'], createdBy: leadP.id }).returning();
    teamId = team!.id;
    await db.insert(aiMdtMembers).values([
      { organisationId: trust.id, teamId, personId: leadP.id, teamRole: 'Chair', archetypes: [], isLead: true, addedBy: leadP.id },
      { organisationId: trust.id, teamId, personId: memberP.id, teamRole: 'Information governance lead', archetypes: ['shaper'], addedBy: leadP.id },
    ]);
    chromium = await launchChromium();
    lead = await openCheckedTab(chromium.browser);
    member = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [lead, member]);

  afterAll(async () => {
    await lead?.close();
    await member?.close();
    await chromium?.close();
    await server?.close();
  });

  it('the lead makes the plan and sends it after confirming', async () => {
    await signInChecked(lead, server.baseUrl, emails.lead);
    const pages = new TeamPlanPages(lead.page, server.baseUrl);
    await pages.openPlans(teamId);
    await lead.checks.check();
    await pages.chooseBasis('Self-rated levels');
    await pages.press('Make a plan');
    await lead.checks.check();
    await expect(pages.headingText()).resolves.toBe('The team’s learning plan');
    const lines = await pages.assignmentLines();
    expect(lines).toContainEqual(expect.stringContaining('Data protection for AI | 25 minutes | Covers 1 requirement nobody in the team meets'));
    await expect(pages.mainText()).resolves.toContain('proven optimal');
    await expect(pages.mainText()).resolves.toContain('they are on the curation-gap report');
    await pages.press('Send to the members');
    await lead.checks.check();
    await pages.press('Yes, send the plan');
    await lead.checks.check();
    await expect(pages.mainText()).resolves.toContain('The plan was sent.');
  });

  it('the member finds the items in her journey and declines one, saying why', async () => {
    await signInChecked(member, server.baseUrl, emails.member);
    const journey = new JourneyPages(member.page, server.baseUrl);
    const page = new TeamPlanPages(member.page, server.baseUrl);
    await journey.openJourney();
    await member.checks.check();
    await expect(page.mainText()).resolves.toContain(`Asked for by ${TEAM}`);
    await journey.follow(`Decline Data protection for AI, asked for by ${TEAM}`);
    await member.checks.check();
    const form = page;
    await form.press('Decline');
    await member.checks.check();
    await expect(form.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter why you are declining', href: '#reason' }]);
    await form.fillDeclineReason('I completed the trust’s own course last month');
    await form.press('Decline');
    await member.checks.check();
    await expect(page.mainText()).resolves.not.toContain('Decline Data protection for AI');
  });

  it('the lead sees the decline and its reason on the plan', async () => {
    const pages = new TeamPlanPages(lead.page, server.baseUrl);
    await lead.page.reload();
    await lead.checks.check();
    await expect(pages.mainText()).resolves.toContain('Declined because: I completed the trust’s own course last month');
  });
});
