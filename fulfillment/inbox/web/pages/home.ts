import { html } from 'hono/html';
import { INBOX_FILTERS, type FilingState, type InboxFilter, type InboxListItem, type InboxListPage } from '../../ports';
import { formatDate, formatReceived } from '../format';
import { layout, type Html, type SignedIn } from '../layout';
import { INBOX_PATHS, messagePath } from '../paths';

/** What each filter is called on the page. */
export const FILTER_LABELS: Record<InboxFilter, string> = {
  needsReview: 'Needs review',
  urgent: 'Urgent',
  notFiled: 'Not filed in Epic',
  reviewed: 'Reviewed',
  all: 'All messages',
};

/** Where a message stands with Epic, in words. */
export const FILING_LABELS: Record<FilingState, string> = {
  filed: 'Filed in Epic',
  pending: 'Filing pending',
  keptForStaff: 'Kept for staff',
  failed: 'Filing failed',
};

/** The list's address for a filter (and a page of it). */
export function listHref(filter: InboxFilter, cursor?: string): string {
  const query = new URLSearchParams({ filter, ...(cursor ? { cursor } : {}) });
  return `${INBOX_PATHS.home}?${query.toString()}`;
}

function row(item: InboxListItem, timeZone: string): Html {
  return html`<tr class="${item.urgent ? 'urgent' : ''}">
    <td><a href="${messagePath(item.noteId)}">${formatReceived(item.receivedAt, timeZone)}</a></td>
    <td>${item.patient.name ?? html`<span class="muted">Name unavailable</span>`}</td>
    <td>${item.patient.birthDate ? formatDate(item.patient.birthDate) : html`<span class="muted">Unavailable</span>`}</td>
    <td>${item.urgent ? html`<strong class="badge badge-urgent">Urgent</strong> ` : ''}${item.chiefComplaint}</td>
    <td>${FILING_LABELS[item.filing]}${item.reviewed ? html`; reviewed by ${item.reviewed.by.displayName}` : ''}</td>
  </tr>`;
}

/** What the list shows: the page of messages, its filter, the clinic's time zone. */
export interface ListOptions {
  readonly page: InboxListPage;
  readonly filter: InboxFilter;
  readonly timeZone: string;
}

/**
 * The list region alone (`?partial=list`): what the page's script fetches to show new messages
 * without a reload. Its rows and its message count, nothing else.
 */
export function listRegion(options: ListOptions): Html {
  const { page, filter } = options;
  return html`<h2 id="list-heading">${FILTER_LABELS[filter]}</h2>
    ${page.patientsUnavailable ? html`<p class="notice" role="status">Patient names could not be read from Epic just now; the messages are listed without them.</p>` : ''}
    ${page.items.length === 0
      ? html`<p>No messages here.</p>`
      : html`<table>
          <caption class="visually-hidden">${FILTER_LABELS[filter]}: urgent first, then newest</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Patient</th>
              <th scope="col">Birth date</th>
              <th scope="col">Chief complaint</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map((item) => row(item, options.timeZone))}
          </tbody>
        </table>`}
    ${page.nextCursor ? html`<p><a href="${listHref(filter, page.nextCursor)}" rel="next">Next page</a></p>` : ''}`;
}

/** Seconds between two looks for new messages on the first page of the list. */
export const LIST_REFRESH_SECONDS = 20;

/**
 * The signed-in home page: the filters and one page of the list from `InboxService.list` (urgent
 * first, then newest), received times in the clinic's time zone. On the first page the script looks
 * for new messages every {@link LIST_REFRESH_SECONDS} seconds and says how many came in.
 */
export function homePage(options: ListOptions & { readonly signedIn: SignedIn; readonly firstPage: boolean; readonly refreshSeconds?: number }): Html {
  const { filter } = options;
  const refresh = options.firstPage ? (options.refreshSeconds ?? LIST_REFRESH_SECONDS) : undefined;
  return layout({
    title: 'Messages',
    signedIn: options.signedIn,
    body: html`<h1>Messages</h1>
      <nav aria-label="Filters" class="filters">
        <ul>
          ${INBOX_FILTERS.map(
            (name) => html`<li><a href="${listHref(name)}" ${name === filter ? html`aria-current="page"` : ''}>${FILTER_LABELS[name]}</a></li>`,
          )}
        </ul>
      </nav>
      <p id="list-status" class="visually-hidden" role="status" aria-live="polite"></p>
      <section aria-labelledby="list-heading" id="message-list" ${refresh ? html`data-refresh-seconds="${refresh}" data-refresh-url="${listHref(filter)}&amp;partial=list"` : ''}>
        ${listRegion(options)}
      </section>`,
  });
}
