import { HubPage, squash } from './hub-page.ts';

/** An AI MDT's coverage page (issue 13 §2), as a team member reads it. */
export class TeamCoveragePage extends HubPage {
  async openCoverage(teamId: string): Promise<void> {
    await this.open(`/teams/${teamId}/coverage`);
  }

  async chooseBasis(label: 'Self-rated levels' | 'Verified levels'): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
    await this.press('Show coverage');
  }

  /** The sentence under the heading that counts covered, single-holder and uncovered requirements. */
  async headline(): Promise<string> {
    return squash(await this.page.locator('main p', { hasText: 'advanced requirements,' }).first().textContent());
  }

  /** The single points of failure, as their expandable summaries read. */
  async singlePointsOfFailure(): Promise<string[]> {
    const texts = await this.page.locator('#single-points-of-failure ~ details .nhsuk-details__summary-text').allTextContents();
    return texts.map((t) => squash(t));
  }

  /** Opens one person's single points of failure and lists the statements shown. */
  async expandSinglePoint(sentence: string): Promise<string[]> {
    const details = this.page.locator('details', { hasText: sentence });
    await details.locator('summary').click();
    return (await details.locator('li').allTextContents()).map((t) => squash(t));
  }
}
