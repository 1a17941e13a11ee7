import type { ImportIssue } from './importTypes';

/**
 * Decodes a file as strict UTF-8 (a leading BOM is dropped) and normalises line endings to `\n`,
 * so the same data hashes the same whether it was saved with CRLF or LF.
 * Invalid bytes are reported with the line they sit on, never silently replaced.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: ImportIssue } {
  if (bytes.length === 0) return { ok: false, error: { message: 'the file is empty' } };
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    const text = decoder.decode(bytes).replace(/\r\n?/g, '\n');
    if (text.trim() === '') return { ok: false, error: { message: 'the file holds only whitespace' } };
    return { ok: true, text };
  } catch {
    return { ok: false, error: { location: { kind: 'line', line: firstInvalidLine(bytes) }, message: 'invalid UTF-8 (is the file saved as UTF-8, and complete?)' } };
  }
}

/** 1-based line of the first line that does not decode, found by decoding line by line. */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line - 1;
}
