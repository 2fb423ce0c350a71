/**
 * Phrases that mean the caller may need emergency care now. Checked on every turn, whatever the
 * intent: a caller does not wait for the right menu to say "I can't breathe".
 */
const EMERGENCY_PATTERNS: readonly RegExp[] = [
  /\bchest (pain|pains|pressure|tightness)\b/,
  /\b(can'?t|cannot|can not|hard to|trouble|difficulty) breath(e|ing)\b/,
  /\bshort(ness)? of breath\b/,
  /\bnot breathing\b/,
  /\bsuicid(e|al)\b/,
  /\b(kill|hurt|harm) (myself|me)\b/,
  /\bwant to die\b/,
  /\bend (my|it all)\b.*\blife\b|\bend it all\b/,
  /\boverdos(e|ed)\b/,
  /\bstroke\b/,
  /\b(face|arm) (is )?(drooping|numb)\b/,
  /\bheart attack\b/,
  /\bunconscious\b|\bpassed out\b|\bwon'?t wake up\b/,
  /\b(severe|heavy) bleeding\b|\bbleeding (a lot|heavily)\b/,
  /\bseizure\b/,
];

/** Whether the caller's words sound like an emergency (case and punctuation ignored). */
export function soundsLikeEmergency(transcript: string | undefined): boolean {
  if (!transcript) return false;
  const text = transcript.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z' ]+/g, ' ');
  return EMERGENCY_PATTERNS.some((pattern) => pattern.test(text));
}
