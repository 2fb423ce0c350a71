import { html } from 'hono/html';
import type { NoteStep } from '../../../notes/store/port';
import { MAX_REVIEW_COMMENT, type EncounterChoice, type InboxMessage, type Stamp } from '../../ports';
import { CSRF_FIELD } from '../auth/csrf';
import { formatDate, formatReceived } from '../format';
import { layout, type Html, type SignedIn } from '../layout';
import { INBOX_PATHS, messageActionPath, messageAudioPath } from '../paths';
import { markTranscript } from '../transcriptMarks';
import { FILING_LABELS } from './home';

/** The pipeline's steps as a clinician reads them on the timeline. */
const STEP_LABELS: Record<NoteStep, string> = {
  recorded: 'Recording saved',
  transcriptionStarted: 'Transcription started',
  transcribed: 'Transcribed',
  extracted: 'Medical terms extracted',
  stored: 'Message stored',
  tasked: 'Care-team task created in Amazon Connect',
  delivered: 'Filed in Epic',
  notified: 'Care team notified',
  escalated: 'Urgent message announced before filing',
};

/** What the message page shows besides the message: the encounters to file under, a flash line. */
export interface MessagePageOptions {
  readonly signedIn: SignedIn;
  readonly message: InboxMessage;
  readonly timeZone: string;
  /** The patient's recent encounters, for a message kept for staff. */
  readonly encounters?: readonly EncounterChoice[];
  /** One line saying what the last action did ("Marked reviewed."), shown once after a redirect. */
  readonly flash?: string;
}

function csrf(signedIn: SignedIn): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${signedIn.csrfToken}" />`;
}

function stamp(label: string, value: Stamp | undefined, timeZone: string): Html {
  return value ? html`<p>${label} by <strong>${value.by.displayName}</strong>, ${formatReceived(value.at, timeZone)}.</p>` : html``;
}

/** How the page names the caller's language. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = { 'en-US': 'English', 'es-US': 'Spanish' };

/**
 * The transcript, with what was extracted marked. A message in another language shows both texts,
 * each labelled: the caller's words (in their language, `lang` set for screen readers), then the
 * English translation with its label ("machine translation (Amazon Translate)" or the local
 * stand-in's), which is what the marks point into.
 */
function transcripts(message: InboxMessage): Html {
  const { note } = message;
  if (!note.translation) return html`<h3>Transcript</h3>${transcript(message, note.transcript)}`;
  const language = note.language ?? 'en-US';
  return html`<h3>Caller's words (${LANGUAGE_NAMES[language] ?? language})</h3>
    <p class="transcript" lang="${language}">${note.transcript}</p>
    <h3>English translation</h3>
    <p class="notice">${note.translation.label}: may contain errors; the caller's words above are the record.</p>
    ${transcript(message, note.translation.text)}`;
}

function transcript(message: InboxMessage, text: string): Html {
  const parts = markTranscript({ ...message.note, transcript: text });
  return html`<p class="transcript" lang="en">${parts.map((part) =>
    part.mark ? html`<mark class="mark-${part.mark.kind}" title="${part.mark.label}">${part.text}<span class="visually-hidden"> (${part.mark.label})</span></mark>` : part.text,
  )}</p>
    <p class="legend" aria-hidden="true"><mark class="mark-symptom">symptom</mark> <mark class="mark-denied">denied</mark> <mark class="mark-medication">medication</mark> <mark class="mark-duration">duration</mark></p>`;
}

/** A duration as the caller said it, read after the finding: "three days" → "for three days"; "since Monday" stays. */
function durationPhrase(text: string): string {
  return /^(for|since|from|over|about|all|the past|past)\b/i.test(text.trim()) ? text.trim() : `for ${text.trim()}`;
}

function findings(message: InboxMessage): Html {
  const { note } = message;
  const present = note.findings.filter((finding) => !finding.negated);
  const denied = note.findings.filter((finding) => finding.negated);
  return html`<h3>Symptoms and findings</h3>
    ${present.length === 0 ? html`<p>None stated.</p>` : html`<ul>${present.map((finding) => html`<li>${finding.text}${finding.duration ? html`, ${durationPhrase(finding.duration.text)}` : ''}${finding.severity ? html`, ${finding.severity.text}` : ''}</li>`)}</ul>`}
    ${denied.length === 0 ? '' : html`<h3>Denied by the caller</h3><ul>${denied.map((finding) => html`<li>${finding.text}</li>`)}</ul>`}
    <h3>Medications mentioned</h3>
    ${note.medications.length === 0
      ? html`<p>None.</p>`
      : html`<ul>${note.medications.map((medication) => {
          const code = medication.rxnorm[0];
          return html`<li>${medication.text}${medication.negated ? ' (not taking)' : ''}${code ? html` — RxNorm ${code.code} (${code.description})` : ''}</li>`;
        })}</ul>`}`;
}

function suggestions(message: InboxMessage): Html {
  const candidates = message.note.icd10Candidates;
  return html`<section aria-labelledby="icd-heading">
    <h2 id="icd-heading">ICD-10-CM suggestions</h2>
    <p class="muted">Suggestions from the caller's words, for review: not diagnoses.</p>
    ${candidates.length === 0
      ? html`<p>No suggestion scored above ${message.note.minIcd10Score}.</p>`
      : html`<table>
          <caption class="visually-hidden">ICD-10-CM suggestions with their scores</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Description</th><th scope="col">From the words</th><th scope="col">Score</th></tr></thead>
          <tbody>${candidates.map((candidate) => html`<tr><td>${candidate.code}</td><td>${candidate.description}</td><td>${candidate.text}</td><td>${candidate.score.toFixed(2)}</td></tr>`)}</tbody>
        </table>`}
  </section>`;
}

function filing(options: MessagePageOptions): Html {
  const { message, signedIn } = options;
  const { state, documentReferenceId, reason } = message.filing;
  const encounters = options.encounters ?? [];
  return html`<section aria-labelledby="filing-heading">
    <h2 id="filing-heading">Epic</h2>
    <p><strong>${FILING_LABELS[state]}</strong>${documentReferenceId ? html` (DocumentReference ${documentReferenceId})` : ''}.${reason ? html` ${reason}` : ''}</p>
    ${task(message)}
    ${state === 'keptForStaff'
      ? encounters.length === 0
        ? html`<p>The patient has no recent encounter in Epic to file it under. Open an encounter in Epic (for example a telephone encounter), then reload this page.</p>`
        : html`<form method="post" action="${messageActionPath(message.noteId, 'file')}" data-submit-once>
            ${csrf(signedIn)}
            <label for="encounter">Encounter to file under</label>
            <select id="encounter" name="encounterId" required>
              ${encounters.map((encounter) => html`<option value="${encounter.id}">${encounter.label}</option>`)}
            </select>
            <button type="submit">File in Epic</button>
          </form>`
      : ''}
  </section>`;
}

/** The message's task in Amazon Connect's agent workspace: its contact id, or "no task" with why. */
function task(message: InboxMessage): Html {
  const status = message.task;
  if (!status) return html``;
  if (status.state === 'created') return html`<p>Amazon Connect task: contact <span class="task-contact">${status.contactId}</span>.</p>`;
  return html`<p>Amazon Connect task: <strong>${status.state === 'none' ? 'no task' : 'not created yet'}</strong>.${status.reason ? html` ${status.reason}` : ''}</p>`;
}

function actions(options: MessagePageOptions): Html {
  const { message, signedIn, timeZone } = options;
  return html`<section aria-labelledby="actions-heading">
    <h2 id="actions-heading">Follow-up</h2>
    ${stamp('Reviewed', message.reviewed, timeZone)}
    ${message.reviewed?.comment ? html`<p>Comment: ${message.reviewed.comment}</p>` : ''}
    ${message.reviewed
      ? ''
      : html`<form method="post" action="${messageActionPath(message.noteId, 'review')}" data-submit-once>
          ${csrf(signedIn)}
          <label for="comment">Comment (optional)</label>
          <textarea id="comment" name="comment" rows="3" maxlength="${MAX_REVIEW_COMMENT}"></textarea>
          <button type="submit">Mark reviewed</button>
        </form>`}
    ${stamp('Called back', message.calledBack, timeZone)}
    ${message.calledBack
      ? ''
      : html`<form method="post" action="${messageActionPath(message.noteId, 'called-back')}" data-submit-once>
          ${csrf(signedIn)}
          <button type="submit">Mark called back</button>
        </form>`}
  </section>`;
}

function timeline(options: MessagePageOptions): Html {
  return html`<section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    <ol class="timeline">
      ${options.message.timeline.map(
        (entry) =>
          html`<li>${STEP_LABELS[entry.step]}: ${entry.status.state === 'done' ? 'done' : html`<strong>failed</strong>${entry.status.error ? ` (${entry.status.error})` : ''}`}${entry.status.result ? `, ${entry.status.result}` : ''}, ${formatReceived(entry.status.at, options.timeZone)}</li>`,
      )}
    </ol>
  </section>`;
}

/**
 * The message page: who called (name, birth date and MRN as Epic gives them), how urgent and which
 * red flags fired, the caller's voice (streamed through the app), the transcript with what was
 * extracted marked, the ICD-10-CM suggestions, where the message stands with Epic, the follow-up
 * actions and the pipeline's timeline.
 */
export function messagePage(options: MessagePageOptions): Html {
  if (options.message.note.refill) return refillPage(options, options.message.note.refill);
  const { message, timeZone } = options;
  const { note, patient } = message;
  const fired = note.redFlags.filter((flag) => !flag.negated && !flag.past);
  const denied = note.redFlags.filter((flag) => flag.negated);
  const name = patient.name ?? 'Patient (name unavailable)';
  return layout({
    title: `Message from ${name}`,
    signedIn: options.signedIn,
    body: html`<p><a href="${INBOX_PATHS.home}">Back to the messages</a></p>
      ${options.flash ? html`<p class="notice" role="status">${options.flash}</p>` : ''}
      <h1>Message from ${name}</h1>
      ${note.urgent ? html`<p class="alert" role="alert"><strong>Urgent:</strong> the caller mentioned ${fired.map((flag) => flag.label).join(', ')}.</p>` : ''}
      <dl class="facts">
        <dt>Birth date</dt><dd>${patient.birthDate ? formatDate(patient.birthDate) : 'Unavailable'}</dd>
        <dt>MRN</dt><dd>${patient.mrn ?? 'Unavailable'}</dd>
        <dt>Received</dt><dd>${formatReceived(message.receivedAt, timeZone)}</dd>
        <dt>Chief complaint</dt><dd>${note.chiefComplaint}</dd>
        <dt>Red flags</dt><dd>${fired.length > 0 ? fired.map((flag) => flag.label).join(', ') : 'None'}${denied.length > 0 ? html`; denied: ${denied.map((flag) => flag.label).join(', ')}` : ''}</dd>
        ${note.redFlagRulesVersion ? html`<dt>Red-flag rules</dt><dd>version ${note.redFlagRulesVersion}${note.transcriptSource ? html`, ${note.transcriptSource} transcript` : ''}</dd>` : ''}
      </dl>
      <section aria-labelledby="audio-heading">
        <h2 id="audio-heading">The caller's message</h2>
        ${message.hasAudio
          ? html`<audio controls preload="metadata" src="${messageAudioPath(message.noteId)}" aria-label="Recording of the caller's message"></audio>`
          : html`<p>No recording is stored for this message.</p>`}
        ${note.form === 'empty' ? html`<h3>Transcript</h3><p>The recording was empty or silent: nothing was said that could be transcribed.</p>` : transcripts(message)}
        ${findings(message)}
      </section>
      ${suggestions(message)} ${filing(options)} ${actions(options)} ${timeline(options)}`,
  });
}

/**
 * The page of a refill request: who asked (as for a message), the medication they chose from their
 * active list and confirmed on the phone, its MedicationRequest, then filing, actions and timeline.
 * A refill request has no recording, transcript or findings.
 */
function refillPage(options: MessagePageOptions, refill: NonNullable<MessagePageOptions['message']['note']['refill']>): Html {
  const { message, timeZone } = options;
  const { patient } = message;
  const name = patient.name ?? 'Patient (name unavailable)';
  return layout({
    title: `Refill request from ${name}`,
    signedIn: options.signedIn,
    body: html`<p><a href="${INBOX_PATHS.home}">Back to the messages</a></p>
      ${options.flash ? html`<p class="notice" role="status">${options.flash}</p>` : ''}
      <h1>Refill request from ${name}</h1>
      <dl class="facts">
        <dt>Birth date</dt><dd>${patient.birthDate ? formatDate(patient.birthDate) : 'Unavailable'}</dd>
        <dt>MRN</dt><dd>${patient.mrn ?? 'Unavailable'}</dd>
        <dt>Received</dt><dd>${formatReceived(message.receivedAt, timeZone)}</dd>
        <dt>Medication</dt><dd>${refill.medication}</dd>
        <dt>MedicationRequest</dt><dd>${refill.medicationRequestId}</dd>
      </dl>
      <p>The caller was verified on the phone line, chose this medication from their active medication list and confirmed it by name.</p>
      ${filing(options)} ${actions(options)} ${timeline(options)}`,
  });
}
