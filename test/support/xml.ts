import { SaxesParser } from 'saxes';

/**
 * Why `xml` is not one well-formed XML 1.0 document, or `undefined` when it is: Polly reads SSML
 * only when it is one, so every spoken path is checked with it.
 */
export function xmlProblem(xml: string): string | undefined {
  // A lone surrogate has no UTF-8 encoding: the document could not even be sent as bytes.
  if (/[\uD800-\uDFFF]/u.test(xml)) return 'lone surrogate';
  const parser = new SaxesParser();
  let problem: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.write(xml).close();
  return problem;
}
