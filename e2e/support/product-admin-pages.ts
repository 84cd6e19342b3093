import { HubPage, squash } from './hub-page.ts';

/** What a product lead types into the product form; leave a field out to leave it as it is. */
export interface ProductFields {
  name?: string;
  manufacturer?: string;
  intendedUse?: string;
  exclusionCriteria?: string;
  clinicalDecisionMaking?: 'Yes' | 'No';
  autonomy?: 'Autonomous' | 'Human in the loop';
  deviceClass?: string;
  contacts?: string;
}

export interface VersionFields {
  label: string;
  /** Day, month and year as typed: "15 1 2026". */
  releasedOn: string;
  releaseNotes: string;
  impact: 'None' | 'Minor' | 'Refresher required';
  topics?: readonly string[];
}

/** The AI product lead's pages: the products list, the product form and page, versions, deployments. */
export class ProductAdminPages extends HubPage {
  async openProducts(): Promise<void> {
    await this.followHeaderLink('AI products');
  }

  async fillProduct(fields: ProductFields): Promise<void> {
    const p = this.page;
    const fill = async (label: string, value: string | undefined) => {
      if (value !== undefined) await p.getByLabel(label, { exact: true }).fill(value);
    };
    await fill('Product name', fields.name);
    await fill('Manufacturer', fields.manufacturer);
    await fill('Intended use', fields.intendedUse);
    await fill('Exclusion criteria (optional)', fields.exclusionCriteria);
    await fill('Medical device class (optional)', fields.deviceClass);
    await fill('Who to contact (optional)', fields.contacts);
    if (fields.clinicalDecisionMaking) await p.getByRole('group', { name: 'Is it used in clinical reasoning and decision making?' }).getByLabel(fields.clinicalDecisionMaking, { exact: true }).check();
    if (fields.autonomy) await p.getByRole('group', { name: 'Does it act autonomously or with a human in the loop?' }).getByLabel(fields.autonomy, { exact: true }).check();
  }

  async fillVersion(fields: VersionFields): Promise<void> {
    const p = this.page;
    await p.getByLabel('Version', { exact: true }).fill(fields.label);
    const [day = '', month = '', year = ''] = fields.releasedOn.split(' ');
    const date = p.getByRole('group', { name: 'Release date' });
    await date.getByLabel('Day', { exact: true }).fill(day);
    await date.getByLabel('Month', { exact: true }).fill(month);
    await date.getByLabel('Year', { exact: true }).fill(year);
    await p.getByLabel('Release notes', { exact: true }).fill(fields.releaseNotes);
    await p.getByRole('group', { name: 'What does this version mean for users’ training?' }).getByLabel(fields.impact, { exact: true }).check();
    for (const topic of fields.topics ?? []) await p.getByRole('group', { name: /Which topics does it change/ }).getByLabel(topic, { exact: true }).check();
  }

  async fillDeployment(fields: { where: string; status: 'Evaluating' | 'Piloting'; refresherDays?: string }): Promise<void> {
    const p = this.page;
    // Options are indented by depth with no-break spaces; match the name alone.
    const select = p.getByLabel('Where is it deployed?', { exact: true });
    const value = await select.locator('option', { hasText: fields.where }).first().getAttribute('value');
    await select.selectOption(value ?? '');
    await p.getByRole('group', { name: 'Where is it up to?' }).getByLabel(fields.status, { exact: true }).check();
    if (fields.refresherDays !== undefined) await p.getByLabel('Days to complete refresher training', { exact: true }).fill(fields.refresherDays);
  }

  /** Moves the deployment on (a status as labelled) and/or chooses its live version by its label, then saves. */
  async changeDeployment({ status, version }: { status?: string; version?: string }): Promise<void> {
    const p = this.page;
    const form = p.locator('#change-form');
    if (status) await form.getByRole('group', { name: 'Status' }).getByLabel(status, { exact: true }).check();
    if (version) {
      const select = form.getByLabel('Live version', { exact: true });
      const value = await select.locator('option', { hasText: new RegExp(`^\\s*${version.replace('.', '\\.')}\\b`) }).first().getAttribute('value');
      await select.selectOption(value ?? '');
    }
    await this.press(form.getByRole('button', { name: 'Save changes' }));
  }

  async assign(name: string): Promise<void> {
    const form = this.page.locator('#assign-form');
    await form.getByLabel('Who uses it?', { exact: true }).selectOption({ label: name });
    await this.press(form.getByRole('button', { name: 'Assign' }));
  }

  /** The page's summary list rows, as "key: value". */
  async summaryRows(): Promise<Record<string, string>> {
    const entries: Array<[string, string]> = [];
    for (const row of await this.page.locator('main .nhsuk-summary-list__row').all()) entries.push([squash(await row.locator('dt').textContent()), squash(await row.locator('dd').textContent())]);
    return Object.fromEntries(entries);
  }

  /** The body rows of the table whose caption starts with `caption`, each as its cells' text. */
  async tableRows(caption: string): Promise<string[][]> {
    const table = this.page.locator('main table', { has: this.page.locator('caption', { hasText: caption }) });
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).map(squash));
    return rows;
  }
}
