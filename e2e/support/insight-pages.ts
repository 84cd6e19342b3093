import type { Locator } from 'playwright-core';
import { HubPage } from './hub-page.ts';

/** A workforce insight page: its views, the drill-down table, the downloads and the breakdown chooser. */
export class InsightPage extends HubPage {
  get drillDown(): Locator {
    return this.page.locator('table', { has: this.page.locator('caption', { hasText: 'Organisations beneath' }) });
  }

  async openHome(): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), this.page.goto(`${this.baseUrl}/insight`)]);
  }

  /** Follows an organisation's link in the drill-down table. */
  async drillInto(name: string): Promise<void> {
    await this.follow(name, this.drillDown);
  }

  async openView(title: string): Promise<void> {
    await this.follow(title, this.page.locator('.nhsuk-contents-list'));
  }

  async caption(): Promise<string> {
    return (await this.page.locator('main .nhsuk-caption-l').textContent())?.trim() ?? '';
  }

  /** Downloads the CSV through its link and returns the text. */
  async downloadCsv(): Promise<string> {
    const href = await this.page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
    const response = await this.page.request.get(`${this.baseUrl}${href ?? ''}`);
    return response.text();
  }

  async compareBy(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
    await this.press('Show');
  }

  /** The rows of the table a section heading introduces, as cell texts. */
  async tableRows(caption: string): Promise<string[][]> {
    const table = this.page.locator('table', { has: this.page.locator('caption', { hasText: caption }) }).first();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
  }
}
