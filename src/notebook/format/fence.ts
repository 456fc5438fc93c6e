/**
 * A fenced block as the writer puts it: a fence one backtick longer than any backtick run that
 * starts a line of the body (so no line of a cell's source can close it), and the body exactly.
 */

/** The body lines need a fence longer than any line-starting backtick run (a tab indent cannot close one). */
export function fenceFor(body: string): string {
  let longest = 0;
  for (const match of body.matchAll(/^ {0,3}(`+)/gm)) longest = Math.max(longest, match[1]!.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * `body` between fences. An empty body is no line at all, so '' and '\n' stay distinct: the
 * reader takes the lines between the fences and drops the last newline.
 */
export function fencedBlock(info: string, body: string): string {
  const fence = fenceFor(body);
  return `${fence}${info}\n${body === '' ? '' : `${body}\n`}${fence}`;
}
