/**
 * Texts to callers ("text me the details"): the `TextSender` port with its AWS End User Messaging SMS
 * adapter (`SendTextMessage`, the only place that SDK is used) and its printing stand-in, who may be
 * texted (`destination.ts`: the calling number only, a personal US number) and what a text may say
 * (`body.ts`: a closed set of templates from the prompt catalog, no clinical content).
 */
export { textBody, MAX_ADDRESS_LENGTH, type ClinicDetails, type TextContent } from './body';
export { lastFour, textDestination, TEXTABLE_REGIONS, type Destination, type NotTextable } from './destination';
export { EndUserMessagingTextSender, OPTED_OUT_REASON, smsError, type EndUserMessagingTextSenderOptions } from './endUserMessaging';
export * from './errors';
export type { SentText, TextMessage, TextSender } from './port';
export { PrintingTextSender, type PrintedText, type PrintingTextSenderOptions } from './printing';
