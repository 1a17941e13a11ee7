/**
 * Offers `content` as a file download. The same code works in the browser and in Electron's
 * sandboxed page (no Node, no dialog module): a Blob URL on a temporary link with `download`.
 */
export function saveTextFile(fileName: string, content: string, type = 'application/x-ndjson'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the Blob once started; free ours on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
