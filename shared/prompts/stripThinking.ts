/**
 * Separates a reasoning model's thinking from its answer, for the gateway (which keeps the thinking
 * apart) and the scorers (which must never score reasoning as the answer). Handles, in order:
 * - any number of closed `<think>…</think>` blocks anywhere in the reply (tags case-insensitive);
 * - lone closing tags (the chat template consumed the opening one: `reasoning</think>answer`):
 *   everything before the LAST one is thinking. A closing tag can only end thinking, so text before
 *   it may be reasoning; cutting at the first one could leave reasoning to be scored;
 * - an unclosed `<think>` (the model was cut off while thinking): everything after it is thinking.
 *   A leading one leaves an empty answer; after an answer started, the answer before it is kept.
 * Invariant: `text` holds no think tag, and no reply text is lost (it is in `text` or `thinking`).
 */
export function stripThinking(reply: string): { text: string; thinking?: string } {
  const thoughts: string[] = [];
  let rest = reply.replace(/<think>([\s\S]*?)<\/think>/gi, (_match, inner: string) => {
    thoughts.push(inner);
    return '';
  });
  // Searched with regexes, not on a lower-cased copy: lower-casing can change string lengths.
  let lastClose: RegExpExecArray | undefined;
  for (const match of rest.matchAll(/<\/think>/gi)) lastClose = match;
  if (lastClose) {
    thoughts.unshift(rest.slice(0, lastClose.index).replace(/<\/think>/gi, ''));
    rest = rest.slice(lastClose.index + lastClose[0].length);
  }
  const open = /<think>/i.exec(rest);
  if (open) {
    thoughts.push(rest.slice(open.index + open[0].length));
    rest = rest.slice(0, open.index);
  }
  const thinking = thoughts.map((t) => t.trim()).filter((t) => t.length > 0).join('\n\n');
  return thinking ? { text: rest.trim(), thinking } : { text: rest.trim() };
}
