import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { addMember, advancedTopicsOf, insertTeam, rateAt, topLevelOf, verifyAt } from '../test/support/team-coverage-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { TeamCoveragePage } from './support/team-coverage-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A member of an AI MDT reads what the team covers together, switches to verified levels and
 * opens a single point of failure. Every page is checked with axe.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`a team member reads the team's coverage${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let tab: CheckedTab;
  let teamId = '';
  let memberEmail = '';
  let ruthsOnly: string[] = [];

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const ruth = await createTestPerson(hub, { organisationId: trust.id, name: 'Ruth Jones' });
    const kieran = await createTestPerson(hub, { organisationId: trust.id, name: 'Kieran Shah' });
    const sue = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sue Supervisor' });
    const team = await insertTeam(hub, { organisationId: trust.id, createdBy: ruth.id });
    teamId = team.id;
    memberEmail = kieran.email;
    await addMember(hub, { team, personId: ruth.id, archetypes: ['shaper'], isLead: true });
    await addMember(hub, { team, personId: kieran.id, archetypes: ['shaper'] });
    const topics = [...advancedTopicsOf(hub, 'shaper').keys()].slice(0, 3);
    for (const [i, topic] of topics.entries()) {
      const rating = await rateAt(hub, ruth, topic, topLevelOf(hub, topic));
      if (i === 0) await verifyAt(hub, rating, sue.id, new Date());
    }
    await rateAt(hub, kieran, topics[2] ?? '', topLevelOf(hub, topics[2] ?? ''));
    const { index } = hub.services.assessmentFramework();
    ruthsOnly = topics.slice(0, 2).flatMap((t) => advancedTopicsOf(hub, 'shaper').get(t) ?? []).map((id) => index.requirementById.get(id)?.statement ?? '');
    chromium = await launchChromium();
    tab = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [tab]);

  afterAll(async () => {
    await tab?.close();
    await chromium?.close();
    await server?.close();
  });

  it('Kieran reads the coverage and the single points of failure, on self-rated then verified levels', async () => {
    await signInChecked(tab, server.baseUrl, memberEmail);
    const page = new TeamCoveragePage(tab.page, server.baseUrl);
    await page.openCoverage(teamId);
    await expect(page.headingText()).resolves.toBe('What the team covers together');
    await expect(page.headline()).resolves.toMatch(/^Of the \d+ advanced requirements, 1 is covered, 2 are resting on one person/);
    await expect(page.singlePointsOfFailure()).resolves.toEqual(['If Ruth Jones leaves, 2 requirements lose their only holder']);
    await expect(page.expandSinglePoint('If Ruth Jones leaves')).resolves.toEqual(ruthsOnly);
    await tab.checks.check();

    await page.chooseBasis('Verified levels');
    expect(page.path()).toBe(`/teams/${teamId}/coverage?basis=verified`);
    await expect(page.headline()).resolves.toMatch(/0 are covered, 1 is resting on one person/);
    await expect(page.singlePointsOfFailure()).resolves.toEqual(['If Ruth Jones leaves, 1 requirement loses its only holder']);
    await tab.checks.check();
  });
});
