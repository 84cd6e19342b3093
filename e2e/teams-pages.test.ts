import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamCast } from '../test/support/team-fixtures.ts';
import type { TeamCast } from '../test/support/team-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Every AI MDT page (issue 13 §1), its error re-renders included, without JavaScript and checked
 * with axe: a product lead sets a team up, adds a partner's staff member, assigns a responsibility
 * and opens each member and settings page. The full Box 5 journey is its own walk.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`AI MDT pages${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let tab: CheckedTab;
  let cast: TeamCast;
  let teamPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    cast = await createTeamCast(server.hub);
    chromium = await launchChromium();
    tab = await openCheckedTab(chromium.browser, { javaScriptEnabled: false });
  });
  guardWalk(() => [tab]);
  afterAll(async () => {
    await tab?.close();
    await chromium?.close();
    await server?.close();
  });

  const open = async (path: string) => {
    await tab.page.goto(`${server.baseUrl}${path}`);
    await tab.checks.check();
  };
  const press = async (name: string) => {
    await tab.page.getByRole('button', { name, exact: true }).click();
    await tab.checks.check();
  };
  const summary = () => tab.page.locator('.nhsuk-error-summary').textContent();

  it('a product lead sets up a team, after a mistake', async () => {
    await signInChecked(tab, server.baseUrl, cast.emails.productLead);
    await open('/teams');
    await tab.page.getByRole('button', { name: 'Set up an AI MDT' }).click();
    await tab.checks.check();
    await press('Set up the team');
    await expect(summary()).resolves.toContain('Enter the team’s name');
    await tab.page.fill('#name', 'tri-X AI MDT');
    await tab.page.fill('#purpose', 'Co-designs and deploys tri-X.');
    await tab.page.check('#clinicalDecisionMaking');
    await tab.page.check('#needsPatientRepresentative');
    await tab.page.fill('#teamRole', 'ICS Digital transformation lead');
    await tab.page.check('#archetypes-2');
    await press('Set up the team');
    teamPath = new URL(tab.page.url()).pathname;
    await expect(tab.page.locator('h1').textContent()).resolves.toBe('tri-X AI MDT');
    await expect(tab.page.locator('.hub-team-warnings').textContent()).resolves.toContain('Nobody in the team plays User');
  });

  it('adds a partner’s staff member by e-mail address, after an unknown one', async () => {
    await open(`${teamPath}/members/new`);
    await tab.page.fill('#email', 'nobody@example.nhs.uk');
    await tab.page.fill('#teamRole', 'Triadix data scientist');
    await tab.page.check('#archetypes-3');
    await press('Add member');
    await expect(summary()).resolves.toContain('No one with this e-mail address has a hub account');
    await tab.page.fill('#email', cast.partnerEmail);
    await press('Add member');
    await expect(tab.page.locator('.hub-team-members').textContent()).resolves.toContain('Triadix data scientist');
  });

  it('assigns a responsibility, and opens the member, removal and settings pages', async () => {
    await open(`${teamPath}/responsibilities`);
    await tab.page.check('#r0-2');
    await press('Save responsibilities');
    await expect(tab.page.locator('.hub-team-responsibilities').textContent()).resolves.toContain('Pat Partner');
    await tab.page.getByRole('link', { name: 'Change Pat Partner' }).click();
    await tab.checks.check();
    await tab.page.fill('#hoursLimit', 'lots');
    await press('Save changes');
    await expect(summary()).resolves.toContain('Enter the most hours of learning as a number');
    await tab.page.getByRole('link', { name: 'Remove them from the team' }).click();
    await tab.checks.check();
    await open(`${teamPath}/edit`);
    await open('/teams');
    await expect(tab.page.locator('.hub-team-list').textContent()).resolves.toContain('tri-X AI MDT');
    await open('/');
    await expect(tab.page.getByRole('link', { name: 'AI MDTs' }).count()).resolves.toBe(1);
  });
});
