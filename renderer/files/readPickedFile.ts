/** Largest file the app reads into the page for an import: the web host's limit for file contents. */
export const MAX_PICKED_FILE_BYTES = 64 * 1024 * 1024;

/** A picked file's text, or a message saying why it was not read. */
export async function readPickedFile(file: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_PICKED_FILE_BYTES) {
    return { ok: false, message: `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB; files up to ${MAX_PICKED_FILE_BYTES / 2 ** 20} MiB can be imported here (the CLI has no such limit)` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, message: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
