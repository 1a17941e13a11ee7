/**
 * Writes one JSON object as a single stdout line. Scripts read the LAST stdout line of a `--json`
 * command, so nothing else may share the line and the object must not be pretty-printed.
 */
export function printJsonLine(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(JSON.stringify(value) + '\n');
}
