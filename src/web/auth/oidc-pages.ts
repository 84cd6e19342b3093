import type { OidcRefusal } from '../../services/identity/oidc-sign-in.service.ts';

/** What each refused CIS2 sign-in tells the person: what happened and what to do, never a detail of the check. */
export function refusalPage(reason: OidcRefusal, providerName: string, organisationName?: string) {
  const at = organisationName ? ` at ${organisationName}` : '';
  const pages: Record<OidcRefusal, { status: number; pageTitle: string; paragraphs: string[]; signInAgain: boolean }> = {
    failed: {
      status: 400,
      pageTitle: 'Sign in again',
      paragraphs: [`Your sign-in with ${providerName} could not be completed. It may have taken too long, or the page may have been opened twice.`],
      signInAgain: true,
    },
    'acr-too-low': {
      status: 403,
      pageTitle: 'Sign in with a stronger method',
      paragraphs: [`The way you signed in to ${providerName} is not strong enough for the AI Confidence Hub.`, 'Sign in again with your smartcard or another stronger method, such as a security key or the authenticator app.'],
      signInAgain: true,
    },
    'no-role': {
      status: 403,
      pageTitle: 'You have no role at an organisation on this hub',
      paragraphs: [`Your ${providerName} account has no role at an organisation on this hub.`, 'Ask your Registration Authority to give you a role at your organisation, then sign in again.'],
      signInAgain: false,
    },
    'not-on-hub': {
      status: 403,
      pageTitle: 'Your organisation is not on this hub',
      paragraphs: [`None of the organisations your ${providerName} roles are at uses this hub yet.`, 'Ask your organisation’s hub administrator to add your organisation and its ODS code.'],
      signInAgain: false,
    },
    'not-linked': {
      status: 403,
      pageTitle: 'Your account is not linked to the hub yet',
      paragraphs: [`Your ${providerName} account is not linked to the hub yet${at}.`, 'Ask your administrator to invite you, or to link your staff record, then sign in again.'],
      signInAgain: false,
    },
    disabled: {
      status: 403,
      pageTitle: 'Your account has been closed',
      paragraphs: [`Your hub account${at} has been closed, for example because you have left the organisation.`, 'If you think this is a mistake, ask your administrator.'],
      signInAgain: false,
    },
  };
  return pages[reason];
}
