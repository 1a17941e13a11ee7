/**
 * Separates Qwen3-style thinking from the answer. Handles, in order:
 * - any number of closed `<think>…</think>` blocks anywhere in the reply;
 * - a reply whose opening tag was consumed by the chat template (text…`</think>`answer): everything
 *   before the lone closing tag is thinking;
 * - an unclosed leading `<think>` (the model was cut off while thinking): everything after it is
 *   thinking and the answer is empty.
 * Invariant: `text` never contains a think tag, and no reply text is lost (it is in one of the two).
 */
export function stripThinking(reply: string): { text: string; thinking?: string } {
  const thoughts: string[] = [];
  let rest = reply.replace(/<think>([\s\S]*?)<\/think>/gi, (_match, inner: string) => {
    thoughts.push(inner.trim());
    return '';
  });
  const loneClose = rest.search(/<\/think>/i);
  if (loneClose >= 0) {
    thoughts.unshift(rest.slice(0, loneClose).trim());
    rest = rest.slice(loneClose + '</think>'.length).replace(/<\/think>/gi, '');
  }
  const openAt = rest.search(/<think>/i);
  if (openAt >= 0 && rest.slice(0, openAt).trim() === '') {
    thoughts.push(rest.slice(openAt + '<think>'.length).trim());
    rest = '';
  } else if (openAt >= 0) {
    // A stray opening tag after the answer started: keep the answer, move the tail to thinking.
    thoughts.push(rest.slice(openAt + '<think>'.length).trim());
    rest = rest.slice(0, openAt);
  }
  const thinking = thoughts.filter((t) => t.length > 0).join('\n\n');
  return thinking ? { text: rest.trim(), thinking } : { text: rest.trim() };
}
