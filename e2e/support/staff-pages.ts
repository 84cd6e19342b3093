import { HubPage, squash } from './hub-page.ts';

/** A supervisor's "My staff" list, one person's page, and the bulk form on the verification queue. */
export class StaffPages extends HubPage {
  async openMyStaff(): Promise<void> {
    await this.followHeaderLink('My staff');
  }

  /** Fills the filter form (a GET form) and applies it. */
  async filter({ search, show }: { search?: string; show?: string }): Promise<void> {
    if (search !== undefined) await this.page.getByLabel('Search by name').fill(search);
    if (show !== undefined) await this.page.getByLabel('Show').selectOption({ label: show });
    await this.press('Apply filters');
  }

  /** The staff table's rows, each as its cells' text (the name first). */
  async staffRows(): Promise<string[][]> {
    const rows: string[][] = [];
    for (const row of await this.page.locator('main table#staff tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).map(squash));
    return rows;
  }

  async openPerson(name: string): Promise<void> {
    await this.follow(name, this.page.locator('main table#staff'));
  }

  /** A subject's row on the person page: subject, their rating, target, verification. */
  async ratingRow(subject: string): Promise<string[]> {
    const row = this.page.locator('main tr', { has: this.page.locator('td', { hasText: subject }) }).first();
    return (await row.locator('td').allTextContents()).map(squash);
  }

  async verifyUnasked(subject: string, level: string): Promise<void> {
    await this.press(this.page.getByRole('button', { name: `Verify ${level} for ${subject}` }));
  }

  /** Ticks requests on the verification queue by learner and subject, then presses "Verify selected". */
  async verifySelected(requests: ReadonlyArray<{ learner: string; subject: string }>): Promise<void> {
    for (const r of requests) await this.page.getByLabel(`Select ${r.learner}’s rating of ${r.subject}`).check();
    await this.press('Verify selected');
  }
}
