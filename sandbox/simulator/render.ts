/** SSML as a person would hear it, for the terminal: tags dropped, entities decoded, breaks as spaces. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<break[^>]*\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+([.,:;?!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
