import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { INBOX_PATHS } from './paths';

/**
 * The inbox's only stylesheet and script, served by the app itself (the CSP allows `'self'` and
 * nothing inline). They live here as strings so the Lambda bundle carries them without a file
 * loader; neither holds anything about a patient.
 */

/** Plain, high-contrast styles; a visible focus ring on everything focusable. */
export const APP_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --accent: #0b5cad; --urgent: #a4161a; --bg: #ffffff; --panel: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; padding: 0.5rem 1rem; background: var(--ink); color: #fff; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.banner { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
.app-name { margin: 0; font-weight: 700; }
.app-name a { color: var(--ink); text-decoration: none; }
.who { display: flex; align-items: center; gap: 1rem; }
.who p { margin: 0; }
main { padding: 1rem 1.5rem 2rem; max-width: 72rem; }
main:focus { outline: none; }
.footer { padding: 1rem 1.5rem; color: var(--muted); border-top: 1px solid var(--line); font-size: 0.875rem; }
button, .button { display: inline-block; font: inherit; padding: 0.4rem 0.9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
.sign-out button { background: #fff; color: var(--accent); }
.notice { padding: 0.5rem 0.75rem; border-left: 4px solid var(--accent); background: var(--panel); }
.muted { color: var(--muted); }
.filters ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.filters a[aria-current="page"] { font-weight: 700; color: var(--ink); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tr.urgent td:first-child { border-left: 4px solid var(--urgent); }
.badge-urgent { color: var(--urgent); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.alert { padding: 0.75rem 1rem; border: 2px solid var(--urgent); border-left-width: 8px; color: var(--urgent); background: #fff5f5; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.transcript { padding: 0.75rem 1rem; background: var(--panel); border-radius: 4px; white-space: pre-wrap; }
mark { padding: 0 0.15em; border-radius: 3px; color: var(--ink); }
.mark-symptom { background: #ffe8a3; }
.mark-denied { background: #e4e7eb; text-decoration: line-through; }
.mark-medication { background: #cde8ff; }
.mark-duration { background: #d9f2d9; }
.legend mark { margin-right: 0.5rem; }
audio { width: 100%; max-width: 36rem; }
form { margin: 0.75rem 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
textarea, select { display: block; font: inherit; width: 100%; max-width: 36rem; padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
form button { margin-top: 0.5rem; }
.timeline { padding-left: 1.25rem; }
`.trimStart();

/**
 * Progressive enhancement only: every page works without it. A form marked `data-submit-once` is
 * sent once, however often its button is pressed while the next page loads; coming back to the page
 * (back button) re-arms it. The first page of the list looks for new messages every few seconds
 * (`data-refresh-seconds`) by fetching its own region (`?partial=list`) and says how many came in.
 */
export const APP_JS = `
'use strict';
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-submit-once')) return;
  if (form.dataset.submitting === 'true') {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = 'true';
});
window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-submit-once]')) delete form.dataset.submitting;
});
const list = document.getElementById('message-list');
const status = document.getElementById('list-status');
if (list && status && list.dataset.refreshUrl) {
  const every = Math.max(1, Number(list.dataset.refreshSeconds) || 20) * 1000;
  const links = (root) => new Set(Array.from(root.querySelectorAll('a[href^="/messages/"]'), (link) => link.getAttribute('href')));
  let busy = false;
  let stopped = false;
  const refresh = async () => {
    if (busy || stopped || document.visibilityState !== 'visible') return;
    // Never pull the rows away from a keyboard user's focus; the next look will do.
    if (list.contains(document.activeElement)) return;
    busy = true;
    try {
      const response = await fetch(list.dataset.refreshUrl, { credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
      if (!response.ok) {
        // Signed out or no longer allowed: stop looking; the next click shows why.
        if (response.status === 401 || response.status === 403) stopped = true;
        return;
      }
      const next = document.createElement('template');
      next.innerHTML = await response.text();
      const before = links(list);
      const added = Array.from(links(next.content)).filter((href) => !before.has(href)).length;
      list.replaceChildren(next.content);
      if (added > 0) status.textContent = added === 1 ? '1 new message.' : added + ' new messages.';
    } catch {
      // Offline or the server is busy: try again at the next look.
    } finally {
      busy = false;
    }
  };
  setInterval(refresh, every);
}
`.trimStart();

/** A static asset: body, media type and a strong ETag of its bytes. */
interface Asset {
  readonly body: string;
  readonly type: string;
  readonly etag: string;
}

const asset = (body: string, type: string): Asset => ({ body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });

const ASSETS: Record<string, Asset> = {
  [INBOX_PATHS.css]: asset(APP_CSS, 'text/css; charset=utf-8'),
  [INBOX_PATHS.js]: asset(APP_JS, 'text/javascript; charset=utf-8'),
};

/**
 * Routes of the stylesheet and script: public (the sign-in page needs them too), revalidated by
 * ETag (`no-cache`), never `no-store`-d like the pages since they hold nothing private.
 */
export function assetRoutes(): Hono {
  const routes = new Hono();
  for (const [path, { body, type, etag }] of Object.entries(ASSETS)) {
    routes.get(path, (c) => {
      c.header('Cache-Control', 'no-cache');
      c.header('ETag', etag);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      c.header('Content-Type', type);
      return c.body(body);
    });
  }
  return routes;
}
