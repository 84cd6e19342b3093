import { HubPage, squash } from './hub-page.ts';

/** The organisation admin's pages: the organisation, a person, invitations and the outbox. */
export class OrganisationPages extends HubPage {
  async openOrganisation(): Promise<void> {
    await this.followHeaderLink('Organisation');
  }

  /** Opens a person from the organisation's people table. */
  async openPerson(name: string): Promise<void> {
    await this.follow(name, this.page.locator('main table', { has: this.page.locator('caption', { hasText: /^People directly in/ }) }));
  }

  async assignSupervisor(email: string): Promise<void> {
    await this.page.getByLabel("Supervisor's email address").fill(email);
    await this.press('Assign supervisor');
  }

  /** Current supervisors in the person page's table. */
  async supervisorNames(): Promise<string[]> {
    return (await this.page.locator('main table tbody th').allTextContents()).map(squash);
  }

  async openInvite(): Promise<void> {
    await this.follow('Invite a member of staff');
  }

  async invite({ name, email, roles = [] }: { name?: string; email?: string; roles?: string[] }): Promise<void> {
    if (name !== undefined) await this.page.getByLabel('Full name').fill(name);
    if (email !== undefined) await this.page.getByLabel('Email address').fill(email);
    for (const role of roles) await this.page.getByRole('group', { name: 'Roles' }).getByLabel(role, { exact: true }).check();
    await this.press('Send invitation');
  }

  /** Opens an email in the outbox by its subject. */
  async openEmail(subject: string | RegExp): Promise<void> {
    await this.follow(subject, this.page.locator('main table'));
  }

  /** The first hub address in the email on screen. */
  async linkInEmail(pathStart: string): Promise<string> {
    const body = squash(await this.page.locator('main').textContent());
    const match = new RegExp(`https?://\\S+?(${pathStart.replace(/\//g, '\\/')}[\\w-]+)`).exec(body);
    if (!match?.[1]) throw new Error(`no ${pathStart} link in the email: ${body}`);
    return match[1];
  }

  /** The admin's record of sign-ins, account and role changes (issue 15 §4). */
  async openActivity(): Promise<void> {
    await this.follow('Sign-ins and account activity');
  }

  /** The rows of the activity table, each as its cells' text. */
  async activityRows(): Promise<string[][]> {
    const rows = this.page.locator('main table tbody tr');
    return (await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent ?? '')))).map((cells) => cells.map(squash));
  }

  async openSignInSettings(): Promise<void> {
    await this.follow(/^Sign-in settings/);
  }

  async allowCis2AccountCreation(): Promise<void> {
    await this.page.getByLabel(/Create an account when someone with a CIS2 role here signs in/).check();
    await this.press('Save sign-in settings');
  }

  async openAddOrganisation(): Promise<void> {
    await this.follow(/^Add an organisation beneath /);
  }

  async addOrganisation({ kind, name }: { kind?: string; name?: string }): Promise<void> {
    if (kind !== undefined) await this.page.getByRole('group', { name: 'What kind of organisation is it?' }).getByLabel(kind, { exact: true }).check();
    if (name !== undefined) await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.press('Add organisation');
  }
}

/** Accepting an invitation, as the invited person does from the emailed link. */
export class InvitationPage extends HubPage {
  async createAccount(password: string): Promise<void> {
    await this.page.getByLabel('Create a password').fill(password);
    await this.press('Create account');
  }
}
