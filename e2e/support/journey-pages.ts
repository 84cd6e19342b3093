import { HubPage, squash } from './hub-page.ts';

/** The learner's journey pages: plan form, schedule, alternatives, completion, and journey templates. */
export class JourneyPages extends HubPage {
  async openJourney(): Promise<void> {
    await this.followHeaderLink('My learning journey');
  }

  async fillPlanForm(values: { budgetHours?: string; hoursPerWeek?: string; freeOnly?: boolean }): Promise<void> {
    if (values.budgetHours !== undefined) await this.page.getByLabel('Total time you can give, in hours (optional)').fill(values.budgetHours);
    if (values.hoursPerWeek !== undefined) await this.page.getByLabel('Hours a week you can spend learning').fill(values.hoursPerWeek);
    if (values.freeOnly !== undefined) await this.page.getByLabel('Free', { exact: true }).setChecked(values.freeOnly);
  }

  /** The titles of the items still to do, in schedule order. */
  async upcomingTitles(): Promise<string[]> {
    const weeks = this.page.locator('main h2:text-matches("^Week \\\\d+$") ~ .nhsuk-card .nhsuk-card__heading');
    return (await weeks.allTextContents()).map(squash);
  }

  /** The "Closes:" explanations on one item's card. */
  async explanationsFor(title: string): Promise<string[]> {
    const card = this.page.locator('.nhsuk-card', { has: this.page.getByRole('link', { name: title, exact: true }) });
    return (await card.locator('li').allTextContents()).map(squash);
  }

  async pressOnItem(title: string, button: 'Start' | 'Mark as completed'): Promise<void> {
    const card = this.page.locator('.nhsuk-card', { has: this.page.getByRole('link', { name: title, exact: true }) });
    await this.press(card.getByRole('button', { name: new RegExp(`^${button}`) }));
  }

  async openAlternatives(title: string): Promise<void> {
    await this.follow(`Swap for an alternative to ${title}`);
  }

  async chooseAlternative(title: string): Promise<void> {
    await this.page.getByLabel(title, { exact: true }).check();
  }
}
