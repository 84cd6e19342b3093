import { TEST_PASSWORD } from '../../test/support/people-fixtures.ts';
import { HubPage } from './hub-page.ts';
import type { CheckedTab } from './page-checks.ts';

/** Signing in and out, as a person does it from the header. */
export class SignInPage extends HubPage {
  async openSignIn(): Promise<void> {
    await this.open('/sign-in');
  }

  /** Fills the sign-in form by its labels and submits it; the page that follows is left open. */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.press('Sign in');
  }

  /** The header's "Sign out" link, which asks to confirm. */
  async openSignOut(): Promise<void> {
    await this.followHeaderLink('Sign out');
  }

  async confirmSignOut(options: { everywhere?: boolean } = {}): Promise<void> {
    await this.press(options.everywhere ? 'Sign out on every device' : 'Sign out');
  }
}

/** Signs in from the sign-in page with the test password, checking with axe both pages shown. */
export async function signInChecked(tab: CheckedTab, baseUrl: string, email: string): Promise<void> {
  const page = new SignInPage(tab.page, baseUrl);
  await page.openSignIn();
  await tab.checks.check();
  await page.signIn(email, TEST_PASSWORD);
  await tab.checks.check();
}
