/**
 * Removes reasoning blocks from a model response so they can never be scored as the answer.
 *
 * - every `<think>…</think>` block is removed (case-insensitive);
 * - a closing `</think>` with no opening tag (servers that put `<think>` in the prompt template)
 *   drops everything before it;
 * - an unclosed `<think>` (reply cut off while thinking) drops everything after it.
 */
export function stripThinking(response: string): string {
  let text = response.replace(/<think>[\s\S]*?<\/think>/gi, '');
  const orphanClose = text.toLowerCase().lastIndexOf('</think>');
  if (orphanClose >= 0) text = text.slice(orphanClose + '</think>'.length);
  const unclosedOpen = text.toLowerCase().indexOf('<think>');
  if (unclosedOpen >= 0) text = text.slice(0, unclosedOpen);
  return text;
}
