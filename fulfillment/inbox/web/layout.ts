import { html } from 'hono/html';
import type { Clinician } from '../ports';
import { CSRF_FIELD } from './auth/csrf';
import { INBOX_PATHS } from './paths';

/** Server-rendered HTML: `hono/html` templates escape every interpolated value. */
export type Html = ReturnType<typeof html>;

/** Who is signed in, for the header: name and the sign-out form's CSRF token. */
export interface SignedIn {
  readonly clinician: Clinician;
  readonly csrfToken: string;
}

/** A page: its title (also the `<h1>` unless the body has its own), the signed-in clinician if any, the body. */
export interface PageOptions {
  readonly title: string;
  readonly signedIn?: SignedIn;
  readonly body: Html;
}

/** The sign-out form: a POST with the session's CSRF token. */
export function signOutForm(signedIn: SignedIn, label = 'Sign out'): Html {
  return html`<form method="post" action="${INBOX_PATHS.logout}" class="sign-out" data-submit-once>
    <input type="hidden" name="${CSRF_FIELD}" value="${signedIn.csrfToken}" />
    <button type="submit">${label}</button>
  </form>`;
}

/**
 * The page frame every inbox page shares: a skip link, banner, main and footer landmarks, the one
 * stylesheet and script (no inline script or style: the CSP forbids them), and in the banner who is
 * signed in with the sign-out button.
 *
 * @example
 * return c.html(layout({ title: 'Messages', signedIn, body: html`<h1>Messages</h1>…` }));
 */
export function layout(options: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${options.title} · Care-team inbox</title>
    <link rel="stylesheet" href="${INBOX_PATHS.css}" />
    <script src="${INBOX_PATHS.js}" defer></script>
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="banner">
      <p class="app-name"><a href="${INBOX_PATHS.home}">Care-team inbox</a></p>
      ${options.signedIn
        ? html`<div class="who">
            <p>Signed in as <strong class="clinician-name">${options.signedIn.clinician.displayName}</strong></p>
            ${signOutForm(options.signedIn)}
          </div>`
        : ''}
    </header>
    <main id="main" tabindex="-1">${options.body}</main>
    <footer class="footer"><p>Phone messages for the care team. Patient information: do not print or forward.</p></footer>
  </body>
</html>`;
}
