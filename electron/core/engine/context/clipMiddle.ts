/**
 * Cuts `text` to at most `maxChars` characters by removing its middle: the start (what the text is
 * about) and the end (where a response states its answer) both survive. Pure and deterministic.
 */
export function clipMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = ' […] ';
  const room = Math.max(0, maxChars - marker.length);
  const head = Math.floor(room * 0.4);
  return `${text.slice(0, head)}${marker}${text.slice(text.length - (room - head))}`;
}
