import { HubPage, squash } from './hub-page.ts';

/** The team's learning plan pages and a member's decline form (issue 13 §3). */
export class TeamPlanPages extends HubPage {
  async openPlans(teamId: string): Promise<void> {
    await this.open(`/teams/${teamId}/plan`);
  }

  async chooseBasis(label: 'Self-rated levels' | 'Verified levels only'): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  /** Each resource row of the members' tables: "Resource | Time | Why[ | Status]". */
  async assignmentLines(): Promise<string[]> {
    const rows = this.page.locator('main h2:text("Who takes what") ~ table tbody tr');
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allTextContents()).map(squash).join(' | ')));
  }

  async mainText(): Promise<string> {
    return squash(await this.page.locator('main').textContent());
  }

  async fillDeclineReason(reason: string): Promise<void> {
    await this.page.getByLabel('Why are you declining?').fill(reason);
  }
}
