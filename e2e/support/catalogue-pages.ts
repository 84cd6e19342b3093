import type { Locator } from 'playwright-core';
import type { FileToUpload } from './evidence-page.ts';
import { HubPage, squash } from './hub-page.ts';

/** What an educator types into the resource form; leave a field out to leave it as it is. */
export interface ResourceFields {
  title?: string;
  provider?: string;
  url?: string;
  description?: string;
  format?: string;
  hours?: string;
  minutes?: string;
  cost?: string;
  vendorNeutral?: 'Yes, it is vendor-neutral' | 'No, it is supplier material';
  cpdAccredited?: 'Yes' | 'No';
  archetypes?: readonly string[];
  /** Factor expander (top-level factor) → topic label → level label. */
  outcomes?: ReadonlyArray<{ factor: string; topic: string; level: string }>;
}

/** The learning catalogue: browsing and filtering, a resource's page, the educator's form, import and the gap report. */
export class CataloguePages extends HubPage {
  async openCatalogue(): Promise<void> {
    await this.followHeaderLink('Learning catalogue');
  }

  /** "3 resources", "1 to 20 of 25 resources". */
  async resultCount(): Promise<string> {
    return squash(await this.page.locator('#results').textContent());
  }

  /** Titles of the resources listed, in page order. */
  async resultTitles(): Promise<string[]> {
    return (await this.page.locator('main .nhsuk-card__heading').allTextContents()).map(squash);
  }

  /** The tags on one result, by its title. */
  async resultTags(title: string): Promise<string[]> {
    const card = this.page.locator('main .nhsuk-card', { has: this.page.locator('.nhsuk-card__heading', { hasText: title }) });
    return (await card.getByRole('list', { name: 'About this resource' }).locator('li').allTextContents()).map(squash);
  }

  /** Fills the browse page's filters by their labels and applies them. */
  async applyFilters({ search, factor, formats, only, length }: { search?: string; factor?: string; formats?: readonly string[]; only?: readonly string[]; length?: string }): Promise<void> {
    if (search !== undefined) await this.page.getByLabel('Search titles, providers and descriptions').fill(search);
    if (factor !== undefined) await this.page.getByLabel('Factor', { exact: true }).selectOption({ label: factor });
    for (const format of formats ?? []) await this.page.getByRole('group', { name: 'Format' }).getByLabel(format, { exact: true }).check();
    for (const choice of only ?? []) await this.page.getByRole('group', { name: 'Only show' }).getByLabel(choice, { exact: true }).check();
    if (length !== undefined) await this.page.getByLabel('How long it takes').selectOption({ label: length });
    await this.press('Apply filters');
  }

  async openResource(title: string): Promise<void> {
    await this.follow(title, this.page.locator('main'));
  }

  /** The resource page's summary rows, as "key: value". */
  async detailRows(): Promise<Record<string, string>> {
    const entries: Array<[string, string]> = [];
    for (const row of await this.page.locator('main .nhsuk-summary-list__row').all()) entries.push([squash(await row.locator('dt').textContent()), squash(await row.locator('dd').textContent())]);
    return Object.fromEntries(entries);
  }

  /** "Brings … to …" lines under "What it teaches". */
  async outcomeLines(): Promise<string[]> {
    return (await this.page.locator('main h2:text-is("What it teaches") + ul > li').allTextContents()).map(squash);
  }

  /** Rows of the revision history, each as its cells' text. */
  async revisionRows(): Promise<string[][]> {
    const rows: string[][] = [];
    for (const row of await this.page.locator('main table tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).map(squash));
    return rows;
  }

  // The educator's form

  async fillResource(fields: ResourceFields): Promise<void> {
    const p = this.page;
    const fill = async (label: string, value: string | undefined) => {
      if (value !== undefined) await p.getByLabel(label, { exact: true }).fill(value);
    };
    await fill('Title', fields.title);
    await fill('Provider', fields.provider);
    await fill('Web address', fields.url);
    await fill('Description', fields.description);
    if (fields.format !== undefined) await p.getByLabel('Format', { exact: true }).selectOption({ label: fields.format });
    await fill('Hours', fields.hours);
    await fill('Minutes', fields.minutes);
    await fill('Cost to the learner', fields.cost);
    if (fields.vendorNeutral) await p.getByRole('group', { name: 'Is the material vendor-neutral?' }).getByLabel(fields.vendorNeutral, { exact: true }).check();
    if (fields.cpdAccredited) await p.getByRole('group', { name: /accredited for continuing professional development/ }).getByLabel(fields.cpdAccredited, { exact: true }).check();
    for (const archetype of fields.archetypes ?? []) await p.getByRole('group', { name: 'Which archetypes is it written for?' }).getByLabel(archetype, { exact: true }).check();
    for (const outcome of fields.outcomes ?? []) await this.chooseOutcome(outcome.factor, outcome.topic, outcome.level);
  }

  /** Opens a factor's expander (unless open) and sets a topic's level. */
  async chooseOutcome(factor: string, topic: string, level: string): Promise<void> {
    const expander = this.outcomeExpander(factor);
    if ((await expander.getAttribute('open')) === null) await expander.locator('summary').click();
    await expander.getByLabel(topic, { exact: true }).selectOption({ label: level });
  }

  outcomeExpander(factor: string): Locator {
    return this.page.locator('main details', { has: this.page.locator('summary', { hasText: new RegExp(`^\\s*${factor} \\(`) }) });
  }

  // Import

  async pasteImport(format: 'CSV' | 'JSON', content: string): Promise<void> {
    await this.page.getByRole('group', { name: 'What are you pasting?' }).getByLabel(format, { exact: true }).check();
    await this.page.getByLabel('Content', { exact: true }).fill(content);
    await this.press('Import');
  }

  async uploadImport(file: FileToUpload): Promise<void> {
    const form = this.page.locator('main form', { has: this.page.getByRole('button', { name: 'Upload and import' }) });
    // With JavaScript, NHS.UK's file upload puts a drop zone button in front of the input; either opens the chooser.
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), form.getByLabel('CSV or JSON file', { exact: true }).click()]);
    await chooser.setFiles(file);
    await this.press('Upload and import');
  }

  async panelText(): Promise<string> {
    return squash(await this.page.locator('main .nhsuk-panel').textContent());
  }

  // Curation gaps

  /** The captions of the gap tables, in page order. */
  async tableCaptions(): Promise<string[]> {
    return (await this.page.locator('main table caption').allTextContents()).map(squash);
  }
}
