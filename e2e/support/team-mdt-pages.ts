import { HubPage, squash } from './hub-page.ts';

/** A member as the "Add a member" form asks for them (issue 13 §1). */
export interface NewMember {
  email: string;
  teamRole: string;
  archetypes: readonly string[];
  hoursLimit?: string;
}

/** An AI MDT's own pages, as its lead walks them: the list, the set-up form, members and responsibilities. */
export class TeamMdtPages extends HubPage {
  /** From the start page (where signing in lands), its "AI MDTs" link. */
  async openFromStartPage(): Promise<void> {
    await this.follow('AI MDTs', this.page.locator('main'));
  }

  async startSettingUp(): Promise<void> {
    await this.press(this.page.getByRole('button', { name: 'Set up an AI MDT' }));
  }

  async fillTeam(values: { name: string; purpose: string; teamRole: string; archetypes: readonly string[] }): Promise<void> {
    await this.page.getByLabel('Team name').fill(values.name);
    await this.page.getByLabel('Purpose').fill(values.purpose);
    await this.radio('Is the team’s AI used in clinical reasoning and decision making?', 'Yes');
    await this.radio('Does the team need a patient and public representative?', 'Yes');
    await this.page.getByLabel('Your role in the team', { exact: true }).fill(values.teamRole);
    const group = this.page.getByRole('group', { name: 'Which archetypes will you play in the team?', exact: true });
    for (const a of values.archetypes) await group.getByLabel(a, { exact: true }).check();
  }

  async openAddMember(): Promise<void> {
    await this.press(this.page.getByRole('button', { name: 'Add a member' }));
  }

  /** Fills the "Add a member" form and submits it. */
  async addMember(member: NewMember): Promise<void> {
    await this.page.getByLabel('Their email address').fill(member.email);
    await this.page.getByLabel('Role in the team').fill(member.teamRole);
    const group = this.page.getByRole('group', { name: 'Which archetypes do they play in the team?' });
    for (const a of member.archetypes) await group.getByLabel(a, { exact: true }).check();
    if (member.hoursLimit) await this.page.getByLabel('Most hours of learning the team may ask of them (optional)', { exact: true }).fill(member.hoursLimit);
    await this.press('Add member');
  }

  /** On the responsibilities form, gives `responsibility` to the members named. */
  async assign(responsibility: string, names: readonly string[]): Promise<void> {
    const group = this.page.getByRole('group', { name: responsibility, exact: true });
    for (const n of names) await group.getByLabel(n, { exact: true }).check();
  }

  async warnings(): Promise<string[]> {
    return (await this.page.locator('.hub-team-warnings li').allTextContents()).map(squash);
  }

  /** The members table, one "name | role | archetypes | organisation" line a row. */
  async memberRows(): Promise<string[]> {
    const rows = await this.page.locator('.hub-team-members tbody tr').all();
    const lines: string[] = [];
    for (const row of rows) lines.push((await row.locator('th, td').allTextContents()).slice(0, 4).map(squash).join(' | '));
    return lines;
  }

  /** Who holds each Box 4 responsibility, "Nobody holds this" when nobody does. */
  async responsibilityHolders(): Promise<Map<string, string>> {
    const held = new Map<string, string>();
    for (const row of await this.page.locator('.hub-team-responsibilities tbody tr').all()) {
      const [text, holders] = (await row.locator('td').allTextContents()).map(squash);
      held.set(text ?? '', holders ?? '');
    }
    return held;
  }

  async mainText(): Promise<string> {
    return squash(await this.page.locator('main').textContent());
  }

  private async radio(legend: string, label: string): Promise<void> {
    await this.page.getByRole('group', { name: legend }).getByLabel(label, { exact: true }).check();
  }
}
