import { html } from 'hono/html';
import { layout, type Html, type SignedIn } from '../layout';
import { INBOX_PATHS } from '../paths';
import { signInHref } from './signIn';

/** A signed-in user outside the care-team group (403). Names the group, nothing else. */
export function notInCareTeamPage(signedIn: SignedIn, group: string): Html {
  return layout({
    title: 'No access',
    signedIn,
    body: html`<h1>No access to the inbox</h1>
      <p>Your account is signed in but is not in the care team, so the inbox stays closed to it.</p>
      <p>If you should have access, ask the clinic's administrator to add your account to the <strong>${group}</strong> group, then sign out and sign in again.</p>`,
  });
}

/** A state-changing request without this session's CSRF token (403). */
export function csrfRejectedPage(signedIn: SignedIn): Html {
  return layout({
    title: 'Not accepted',
    signedIn,
    body: html`<h1>This request was not accepted</h1>
      <p>The form did not come from this inbox page, or the page was open from an earlier sign-in. Nothing was changed.</p>
      <p><a href="${INBOX_PATHS.home}">Back to the messages</a>, reload, and try again.</p>`,
  });
}

/** The return from the sign-in failed (state, code or token): start again. */
export function signInFailedPage(reason: string): Html {
  return layout({
    title: 'Sign-in failed',
    body: html`<h1>Sign-in did not complete</h1>
      <p class="notice" role="status">${reason}</p>
      <p><a class="button" href="${signInHref('/')}">Sign in again</a></p>`,
  });
}

/** An action on a message that was refused or failed: what happened, and the way back. */
export function actionRefusedPage(signedIn: SignedIn, what: string, back: string): Html {
  return layout({
    title: 'Not done',
    signedIn,
    body: html`<h1>That was not done</h1>
      <p class="notice" role="status">${what}</p>
      <p><a href="${back}">Back to the message</a></p>`,
  });
}

/** An unknown page (404). */
export function notFoundPage(signedIn?: SignedIn): Html {
  return layout({
    title: 'Not found',
    ...(signedIn ? { signedIn } : {}),
    body: html`<h1>Page not found</h1>
      <p>There is no page at this address. <a href="${INBOX_PATHS.home}">Go to the messages</a>.</p>`,
  });
}

/** Something failed on our side (500): no detail on the page, the logs have the error's name. */
export function serverErrorPage(): Html {
  return layout({
    title: 'Something went wrong',
    body: html`<h1>Something went wrong</h1>
      <p>The inbox could not show this page. Try again in a moment; if it keeps happening, tell the clinic's administrator.</p>
      <p><a href="${INBOX_PATHS.home}">Go to the messages</a></p>`,
  });
}
