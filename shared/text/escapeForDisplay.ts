/**
 * Makes text taken from input (file contents, field values, names, paths, server replies) safe to
 * print on a terminal or show in a message: every control character is written as an escape
 * instead of reaching the screen, where it could move the cursor, change colours, set the window
 * title (ESC sequences), cut the line (NUL) or reorder what is read (bidi overrides).
 *
 * - C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F): `\x1b`, `\x00`, `\x9b`…
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E,
 *   U+200F, U+061C, and the line / paragraph separators U+2028, U+2029: `\u202e`…
 *
 * With `keepNewlines`, `\n` and `\t` stay as they are (for messages that are several lines on
 * purpose); otherwise they are escaped too, so quoted input always stays on its line.
 */
export function escapeForDisplay(text: string, options: { keepNewlines?: boolean } = {}): string {
  const pattern = options.keepNewlines ? UNSAFE_KEEP_NEWLINES : UNSAFE;
  return text.replace(pattern, escapeChar);
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEP_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `text` holds a character escapeForDisplay would escape (tab and newlines excepted). */
export function hasControlCharacter(text: string): boolean {
  UNSAFE_KEEP_NEWLINES.lastIndex = 0;
  return UNSAFE_KEEP_NEWLINES.test(text);
}
