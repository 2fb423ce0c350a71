import { MENU_KEYS } from '../../contract';
import { digits, pause, say, slowly, type Speech } from '../lex/speech';

/**
 * Everything the IVR says, in one place. Short sentences, one question at a time, keys announced:
 * many callers are elderly and on poor lines.
 */
export const PHRASES = {
  menu: (): Speech[] => [
    say('You can say medications, or press'),
    digits(MENU_KEYS.medications),
    say('. To leave a message for your doctor, say message, or press'),
    digits(MENU_KEYS.messageForDoctor),
    say('. To talk to a person, say agent, or press'),
    digits(MENU_KEYS.person),
    say('. What would you like to do?'),
  ],
  greeting: (givenName: string | undefined): Speech[] => [
    say(givenName ? `Thank you, ${givenName}. You are verified.` : 'Thank you. You are verified.'),
    pause(),
  ],
  noCallerId: (): Speech[] => [
    say("I'm sorry, I can't see the number you are calling from, so I can't look up your records by phone."),
    say('I will connect you with someone who can help.'),
  ],
  identityNotConfirmed: (): Speech[] => [
    say("I'm sorry, I couldn't confirm your identity with those answers. Let's try once more."),
    pause(),
  ],
  identityFailedTransfer: (): Speech[] => [
    say("I'm sorry, I still couldn't confirm your identity. I will connect you with someone who can help."),
  ],
  lockedOut: (): Speech[] => [
    say('For your security, phone verification is paused for this number for a little while.'),
    say('I will connect you with someone who can help.'),
  ],
  askBirthDateAgain: (): Speech[] => [
    say('Please say your date of birth, for example July 4, 1950. Or key it in as eight digits: month, day, and year.'),
  ],
  askGenderAgain: (): Speech[] => [
    say('Please say female, male, or other. Or press'),
    digits('1'),
    say('for female,'),
    digits('2'),
    say('for male, or'),
    digits('3'),
    say('for other.'),
  ],
  needVerification: (): Speech[] => [
    say('For your privacy, I need to verify who you are before I can share that.'),
  ],
  medicationsCount: (count: number, atLeast = false): Speech[] => [
    say(
      atLeast
        ? `You have at least ${count} active medications on file.`
        : count === 1
          ? 'You have one active medication on file.'
          : `You have ${count} active medications on file.`,
    ),
    pause(),
  ],
  medicationItem: (sentence: string): Speech[] => [slowly(sentence), pause(400)],
  medicationsMore: (): Speech[] => [
    say('To hear more, say more. To hear these again, say repeat, or press'),
    digits(MENU_KEYS.repeat),
    say('.'),
  ],
  medicationsEndPartial: (read: number): Speech[] => [
    say(
      `That's the first ${read === 1 ? 'medication' : `${read} medications`} I can read on the phone; your list has more. ` +
        'The clinic staff can go through the rest with you: say agent, or press',
    ),
    digits(MENU_KEYS.person),
    say('. To hear these again, say repeat, or press'),
    digits(MENU_KEYS.repeat),
    say('.'),
  ],
  medicationsEnd: (): Speech[] => [
    say("That's all of your medications. To hear them again, say repeat, or press"),
    digits(MENU_KEYS.repeat),
    say('.'),
  ],
  noMedications: (): Speech[] => [
    say("I don't see any active medications on file for you. If you think that's wrong, say agent to talk to a person."),
  ],
  nothingToRepeat: (): Speech[] => [say("There's nothing to repeat yet.")],
  noMoreItems: (): Speech[] => [say("There's nothing more to read.")],
  epicUnavailable: (): Speech[] => [
    say("I'm sorry, I can't reach your medical records right now. Please try again later, or say agent to talk to a person."),
  ],
  epicSlow: (): Speech[] => [
    say("I'm sorry, your records are taking too long to load. Please try again in a few minutes, or say agent to talk to a person."),
  ],
  // Short on purpose: the flow's recording prompt right after it explains the message, the pound
  // key and that it is not for emergencies (contact-flows/patient-ivr.json, capture-listen).
  recordConfirm: (): Speech[] => [say('All right, let us record a message for your care team.')],
  help: (): Speech[] => [
    say('I can read your active medications, take a message for your doctor, or connect you with a person.'),
    pause(),
  ],
  transfer: (): Speech[] => [say('Please hold while I connect you with someone who can help.')],
  goodbye: (): Speech[] => [say('Thank you for calling. Take care. Goodbye.')],
  notUnderstood: (): Speech[] => [say("Sorry, I didn't catch that.")],
  notUnderstoodOfferPerson: (): Speech[] => [
    say("Sorry, I'm still having trouble understanding. You can say agent, or press"),
    digits(MENU_KEYS.person),
    say(', to talk to a person.'),
  ],
  emergency: (): Speech[] => [
    say('If this is an emergency, hang up and dial 9 1 1 now.'),
    pause(),
    say('If you would rather talk to a person here, say agent.'),
  ],
  apology: (): Speech[] => [
    say("I'm sorry, something went wrong on our side."),
  ],
} as const;
