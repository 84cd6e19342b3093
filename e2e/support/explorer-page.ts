import type { Locator, Page } from 'playwright-core';

export interface ExplorerFilters {
  tier?: string;
  archetype?: string;
  search?: string;
}

/** The requirement explorer's filter form and results, as a person (or a test) uses them. */
export class ExplorerPage {
  readonly resultCount: Locator;
  readonly results: Locator;

  constructor(private readonly page: Page) {
    this.resultCount = page.locator('#results');
    this.results = page.locator('ul.hub-requirements > li');
  }

  async open(baseUrl: string, frameworkId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/frameworks/${frameworkId}/requirements`);
  }

  /** Fills the form by its visible labels and submits it with the "Apply filters" button. */
  async applyFilters({ tier, archetype, search }: ExplorerFilters): Promise<void> {
    if (tier) await this.page.getByLabel('Tier', { exact: true }).selectOption({ label: tier });
    if (archetype) await this.page.getByLabel('Archetype', { exact: true }).selectOption({ label: archetype });
    if (search !== undefined) await this.page.getByLabel('Search statements').fill(search);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname.endsWith('/requirements') && url.search.length > 0),
      this.page.getByRole('button', { name: 'Apply filters' }).click(),
    ]);
  }

  /** Follows the result link whose text contains `statement`. */
  async openResult(statement: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/requirements\/[^/?]+/),
      this.results.getByRole('link', { name: statement }).click(),
    ]);
  }
}
