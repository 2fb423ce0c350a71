import { html } from 'hono/html';
import { layout, signOutForm, type Html, type SignedIn } from '../layout';
import { INBOX_PATHS } from '../paths';

/** The sign-in link for a destination (`next`, already checked by `safeNext`). */
export function signInHref(next: string): string {
  return next === '/' ? INBOX_PATHS.login : `${INBOX_PATHS.login}?${new URLSearchParams({ next }).toString()}`;
}

/**
 * What anyone without a valid session sees, wherever they were going: a sign-in link that returns
 * them there. No patient data, ever: it is the page a stranger gets.
 */
export function signInPage(options: { readonly next: string; readonly notice?: string }): Html {
  return layout({
    title: 'Sign in',
    body: html`<h1>Sign in</h1>
      ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
      <p>The care-team inbox holds patients' phone messages. Sign in with your clinic account to continue.</p>
      <p><a class="button" href="${signInHref(options.next)}">Sign in</a></p>`,
  });
}

/** Where the authorization server returns a signed-out browser (`GET /auth/logout` without a session). */
export function signedOutPage(): Html {
  return signInPage({ next: '/', notice: 'You are signed out.' });
}

/** `GET /auth/logout` with a session: the sign-out is a POST, so this page asks for it. */
export function signOutPage(signedIn: SignedIn): Html {
  return layout({
    title: 'Sign out',
    signedIn,
    body: html`<h1>Sign out</h1>
      <p>Sign out of the care-team inbox on this browser?</p>
      ${signOutForm(signedIn, 'Sign out now')}`,
  });
}
