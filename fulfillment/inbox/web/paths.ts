/**
 * The inbox's URLs, one place. The Cognito app client registers two of them with the public origin
 * (`INBOX_BASE_URL`) in front: the callback `/auth/callback` and the sign-out URL `/auth/logout`.
 */
export const INBOX_PATHS = {
  home: '/',
  /** Starts a sign-in (GET, `?next=` where to go after, `?login_hint=`). */
  login: '/auth/login',
  /** Where the authorization server returns the browser with `code` and `state`. */
  callback: '/auth/callback',
  /** GET: the signed-out page (Cognito returns here); POST: sign out (CSRF token required). */
  logout: '/auth/logout',
  css: '/assets/app.css',
  js: '/assets/app.js',
} as const;

/** A message page's path: `/messages/<noteId>`. */
export function messagePath(noteId: string): string {
  return `/messages/${encodeURIComponent(noteId)}`;
}

/** The caller's audio of a message: `/messages/<noteId>/audio` (the app streams it; never a bucket URL). */
export function messageAudioPath(noteId: string): string {
  return `${messagePath(noteId)}/audio`;
}

/** The follow-up actions a message page posts to. */
export const MESSAGE_ACTIONS = ['review', 'called-back', 'file'] as const;

/** One of {@link MESSAGE_ACTIONS}. */
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

/** Where a message page's form posts: `/messages/<noteId>/<action>`. */
export function messageActionPath(noteId: string, action: MessageAction): string {
  return `${messagePath(noteId)}/${action}`;
}

/** Longest `next` kept across a sign-in. */
const MAX_NEXT = 512;

/**
 * `next` if it is a path of this app (`/…`, not `//host` or `/\host`, no control characters), else
 * `/`: a sign-in must never end on another site (open redirect).
 *
 * @example
 * safeNext('/messages/n-1?x=1'); // '/messages/n-1?x=1'
 * safeNext('https://evil.example/'); // '/'
 */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > MAX_NEXT || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  const url = new URL(next, 'http://inbox.invalid');
  return url.origin === 'http://inbox.invalid' ? `${url.pathname}${url.search}` : '/';
}
