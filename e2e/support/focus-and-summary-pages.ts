import { HubPage, squash } from './hub-page.ts';

/** The pages a supervisor's focus reaches: her assessment (as the supervisor sees it), the learner's overview, summary and journey. */
export class FocusAndSummaryPages extends HubPage {
  /** On the supervisor's view of a person: ticks factors for one archetype, gives the reason and agrees the focus. */
  async agreeFocus(archetype: string, factors: readonly string[], reason: string): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('group', { name: `Factors to focus on as ${archetype}` }) });
    for (const factor of factors) await form.getByLabel(factor, { exact: true }).check();
    await form.getByLabel('Reason for this focus').fill(reason);
    await this.press(form.getByRole('button', { name: 'Agree focus', exact: true }));
  }

  /** The text of the "Focus agreed with your supervisor" section, or '' when there is none. */
  async agreedFocusText(): Promise<string> {
    const section = this.page.locator('main .nhsuk-inset-text');
    return (await section.count()) === 0 ? '' : squash((await section.allTextContents()).join(' '));
  }

  /** The notifications' messages, newest first. */
  async notificationTexts(): Promise<string[]> {
    return (await this.page.locator('main li').allTextContents()).map(squash);
  }

  /** The journey's out-of-date warning, or '' when it has none. */
  async outOfDateText(): Promise<string> {
    const callout = this.page.locator('#journey-out-of-date');
    return (await callout.count()) === 0 ? '' : squash(await callout.textContent());
  }

  /** The element the address's fragment names, and whether it is a question's fieldset. */
  async fragmentTarget(): Promise<{ id: string; isFieldset: boolean; legend: string }> {
    const id = new URL(this.page.url()).hash.slice(1);
    const target = this.page.locator(`[id="${id}"]`);
    const isFieldset = (await target.count()) === 1 && (await target.evaluate((el) => el.tagName === 'FIELDSET'));
    return { id, isFieldset, legend: isFieldset ? squash(await target.locator('legend').textContent()) : '' };
  }
}
