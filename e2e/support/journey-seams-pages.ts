import { JourneyPages } from './journey-pages.ts';
import { squash } from './hub-page.ts';

/** The seams of a journey: why gaps are open, and the journey panel on a resource's page. */
export class JourneySeamsPages extends JourneyPages {
  /** The lines under a heading on the journey page ("Gaps your settings leave open"). */
  async gapLinesUnder(heading: string): Promise<string[]> {
    const list = this.page.locator(`main h2:text-is("${heading}") ~ ul.nhsuk-list--bullet`).first();
    return (await list.locator('li').allTextContents()).map(squash);
  }

  /** The titles of the items still to do, in schedule order (not those completed below them). */
  async plannedTitles(): Promise<string[]> {
    return (await this.page.locator('#upcoming .nhsuk-card__heading').allTextContents()).map(squash);
  }

  /** The "In your learning journey" panel on a resource's page. */
  get journeyPanel() {
    return this.page.locator('#in-your-journey');
  }

  async journeyPanelStatus(): Promise<string> {
    return squash(await this.journeyPanel.locator('.nhsuk-tag').first().textContent());
  }

  /** The address the panel's "Open …" link goes to. */
  async openResourceHref(title: string): Promise<string | null> {
    return this.journeyPanel.getByRole('link', { name: `Open ${title} (opens the provider’s site)` }).getAttribute('href');
  }
}
