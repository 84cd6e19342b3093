import { HubPage, squash } from './hub-page.ts';

/** "Your AI products", a product module with its knowledge check and result, and the managers' training-currency pages. */
export class MyProductsPages extends HubPage {
  async openMyProducts(): Promise<void> {
    await this.open('/products/mine');
  }

  /** Chooses from "Add a product you use" by its "product — where" text (or nothing) and adds it. */
  async addProduct(option?: string): Promise<void> {
    if (option !== undefined) await this.page.getByLabel('Product', { exact: true }).selectOption({ label: option });
    await this.press('Add product');
  }

  /** The status tag of each product listed, in page order. */
  async statusTags(): Promise<string[]> {
    return (await this.page.locator('main section .nhsuk-tag').allTextContents()).map(squash);
  }

  /** Follows a product's training link (styled as a button): "Start training", "Take the refresher" or "Review the training". */
  async openTraining(action: string, productName: string): Promise<void> {
    await this.press(this.page.getByRole('button', { name: new RegExp(`^${action} for ${productName}\\b`) }));
  }

  /** The section headings of a module, in page order, without the contents list or the check. */
  async sectionHeadings(): Promise<string[]> {
    return (await this.page.locator('main section > h2').allTextContents()).map(squash);
  }

  /** Answers the knowledge check: question legend (without its number) → option labels to choose. */
  async answer(answers: Record<string, readonly string[]>): Promise<void> {
    for (const [prompt, options] of Object.entries(answers)) {
      const group = this.page.getByRole('group', { name: new RegExp(`^\\d+\\. ${prompt.replace(/[?.*+()]/g, '\\$&')}`) });
      for (const option of options) await group.getByLabel(option, { exact: true }).check();
    }
  }

  /** A question's error message, read through its fieldset's aria-describedby as a screen reader does. */
  async questionError(prompt: string): Promise<string> {
    const group = this.page.getByRole('group', { name: new RegExp(`^\\d+\\. ${prompt.replace(/[?.*+()]/g, '\\$&')}`) });
    const describedBy = (await group.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
    if (!errorId) return '';
    return squash(await this.page.locator(`#${errorId}`).textContent()).replace(/^Error:\s*/, '');
  }

  async submitAnswers(): Promise<void> {
    await this.press('Submit answers');
  }

  async panelText(): Promise<string> {
    return squash(await this.page.locator('main .nhsuk-panel').textContent());
  }

  /** The questions a failed attempt lists to look at again. */
  async questionsToRevisit(): Promise<string[]> {
    return (await this.page.locator('main h2:text-is("Questions to look at again") ~ ul > li').allTextContents()).map(squash);
  }

  async mainText(): Promise<string> {
    return squash(await this.page.locator('main').textContent());
  }

  /** The rows of a table by its caption, each as its cells' text. */
  async tableRows(caption: string): Promise<string[][]> {
    const table = this.page.locator('main table', { has: this.page.locator('caption', { hasText: caption }) });
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).map(squash));
    return rows;
  }

  /** The currency counts, "Current" → "1". */
  async counts(): Promise<Record<string, string>> {
    const entries: Array<[string, string]> = [];
    for (const row of await this.page.locator('main .nhsuk-summary-list__row').all()) entries.push([squash(await row.locator('dt').textContent()), squash(await row.locator('dd').textContent())]);
    return Object.fromEntries(entries);
  }
}
