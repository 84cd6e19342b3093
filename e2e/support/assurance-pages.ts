import { HubPage } from './hub-page.ts';

/** The assurance review pages, as a Driver or Embedder uses them. */
export class AssurancePages extends HubPage {
  /** Chooses an option of a select by the select's label and the option's text. */
  async choose(label: string, option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async fillDate(idPrefix: string, day: string, month: string, year: string): Promise<void> {
    await this.page.locator(`#${idPrefix}-day`).fill(day);
    await this.page.locator(`#${idPrefix}-month`).fill(month);
    await this.page.locator(`#${idPrefix}-year`).fill(year);
  }

  async check(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  async fill(label: string, text: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(text);
  }

  /** Gives the same reason for every question the decision form lists without a judgement. */
  async giveReasonsForUnjudged(reason: string): Promise<number> {
    const boxes = this.page.locator('textarea[name^="reason-"]');
    const count = await boxes.count();
    for (let i = 0; i < count; i++) await boxes.nth(i).fill(reason);
    return count;
  }
}
