import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { NOTE_ID_PATTERN } from '../../notes/note';
import { UnsatisfiableRangeError } from '../../recording/errors';
import {
  FilingFailedError,
  FilingInProgressError,
  InvalidReviewCommentError,
  MessageNotFoundError,
  NotKeptForStaffError,
  UnknownEncounterError,
} from '../errors';
import type { AudioPart, ByteRange } from '../ports';
import type { InboxAppDeps, InboxEnv } from './context';
import type { SignedIn } from './layout';
import { messagePage } from './pages/message';
import { actionRefusedPage, notFoundPage } from './pages/problem';
import { messagePath, type MessageAction } from './paths';

/** What each action says on the page it returns to (`?done=`), so a reload never repeats it. */
const DONE: Readonly<Record<string, string>> = {
  reviewed: 'Marked reviewed.',
  calledBack: 'Marked called back.',
  filed: 'Filed in Epic.',
};

/**
 * `Range: bytes=start-end` or `bytes=start-` (what a browser's audio element sends). Anything else
 * (several ranges, a suffix range, a malformed header) is ignored, as RFC 9110 allows: the whole
 * recording is sent with 200.
 */
export function parseRange(header: string | undefined): ByteRange | undefined {
  const match = /^bytes=(\d{1,12})-(\d{0,12})$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === '' ? undefined : Number(match[2]);
  if (end !== undefined && end < start) return undefined;
  return end === undefined ? { start } : { start, end };
}

function signedIn(c: Context<InboxEnv>): SignedIn {
  return { clinician: c.var.clinician, csrfToken: c.var.csrfToken };
}

/** The note id of the path, when it is one (anything else is a page that does not exist). */
function noteIdOf(c: Context<InboxEnv>): string | undefined {
  const noteId = c.req.param('noteId');
  return noteId && NOTE_ID_PATTERN.test(noteId) ? noteId : undefined;
}

async function formField(c: Context<InboxEnv>, name: string): Promise<string | undefined> {
  const body = await c.req.parseBody();
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** An action's refusal, as a page that says what happened and leads back to the message. */
function refused(c: Context<InboxEnv>, noteId: string, error: unknown): Response | Promise<Response> {
  const back = messagePath(noteId);
  if (error instanceof MessageNotFoundError) return c.html(notFoundPage(signedIn(c)), 404);
  if (error instanceof InvalidReviewCommentError) return c.html(actionRefusedPage(signedIn(c), 'The comment is too long. Nothing was saved.', back), 400);
  if (error instanceof UnknownEncounterError) return c.html(actionRefusedPage(signedIn(c), 'That encounter is not one of this patient’s recent encounters. Nothing was filed.', back), 400);
  if (error instanceof NotKeptForStaffError) return c.html(actionRefusedPage(signedIn(c), 'This message is not waiting to be filed: it may have been filed already.', back), 409);
  if (error instanceof FilingInProgressError) return c.html(actionRefusedPage(signedIn(c), 'This message is being filed right now. Reload the message in a moment.', back), 409);
  if (error instanceof FilingFailedError) return c.html(actionRefusedPage(signedIn(c), 'Epic did not accept the message just now. It is still waiting to be filed; try again later.', back), 502);
  throw error;
}

/** The audio response: 206 with `Content-Range` for a range, else 200; never cached, never a redirect to storage. */
function audioResponse(c: Context<InboxEnv>, part: AudioPart, ranged: boolean): Response {
  c.header('Content-Type', part.contentType);
  c.header('Accept-Ranges', 'bytes');
  c.header('Content-Length', String(part.end - part.start + 1));
  if (ranged) c.header('Content-Range', `bytes ${part.start}-${part.end}/${part.totalBytes}`);
  c.status(ranged ? 206 : 200);
  const { body } = part;
  if (body instanceof Uint8Array) return c.body(body as Uint8Array<ArrayBuffer>);
  return stream(c, async (out) => {
    for await (const chunk of body) await out.write(chunk);
  });
}

/**
 * The message page and what it posts: `GET /messages/<id>` (the page; a view, audited by the
 * service), `GET /messages/<id>/audio` (the caller's audio through the app, by range; a play,
 * audited), and `POST …/review`, `…/called-back`, `…/file` (each answered with a redirect back to the
 * page, so a reload never repeats it). Mounted behind the session, care-team and CSRF middleware.
 */
export function messageRoutes(deps: InboxAppDeps): Hono<InboxEnv> {
  const routes = new Hono<InboxEnv>();

  routes.get('/messages/:noteId', async (c) => {
    const noteId = noteIdOf(c);
    const message = noteId ? await deps.service.message(c.var.clinician, noteId) : undefined;
    if (!message) return c.html(notFoundPage(signedIn(c)), 404);
    const encounters = message.filing.state === 'keptForStaff' ? await deps.service.encounters(c.var.clinician, message.noteId) : undefined;
    const flash = DONE[c.req.query('done') ?? ''];
    return c.html(messagePage({ signedIn: signedIn(c), message, timeZone: deps.clinicTimeZone, ...(encounters ? { encounters } : {}), ...(flash ? { flash } : {}) }));
  });

  routes.get('/messages/:noteId/audio', async (c) => {
    const noteId = noteIdOf(c);
    if (!noteId) return c.text('Not found', 404);
    const range = parseRange(c.req.header('range'));
    try {
      const part = await deps.service.audio(c.var.clinician, noteId, range);
      if (!part) return c.text('Not found', 404);
      return audioResponse(c, part, range !== undefined);
    } catch (error) {
      if (error instanceof UnsatisfiableRangeError) {
        c.header('Content-Range', `bytes */${error.totalBytes}`);
        return c.text('Range not satisfiable', 416);
      }
      throw error;
    }
  });

  const action = (name: MessageAction, run: (c: Context<InboxEnv>, noteId: string) => Promise<string>) =>
    // The pattern is written out: messageActionPath would percent-encode the `:` of the parameter.
    routes.post(`/messages/:noteId/${name}`, async (c) => {
      const noteId = noteIdOf(c);
      if (!noteId) return c.html(notFoundPage(signedIn(c)), 404);
      try {
        const done = await run(c, noteId);
        return c.redirect(`${messagePath(noteId)}?done=${done}`, 303);
      } catch (error) {
        return refused(c, noteId, error);
      }
    });

  action('review', async (c, noteId) => {
    await deps.service.markReviewed(c.var.clinician, noteId, await formField(c, 'comment'));
    return 'reviewed';
  });
  action('called-back', async (c, noteId) => {
    await deps.service.markCalledBack(c.var.clinician, noteId);
    return 'calledBack';
  });
  action('file', async (c, noteId) => {
    const encounterId = await formField(c, 'encounterId');
    if (!encounterId) throw new UnknownEncounterError(noteId, '(none chosen)');
    await deps.service.fileKept(c.var.clinician, noteId, encounterId);
    return 'filed';
  });

  return routes;
}
