#!/usr/bin/env node
// Entry of the `remo` command (`npx remo …`). Checks the runtime first so an old Node gets a
// clear message instead of a native crash: better-sqlite3 13 segfaults on Node 20.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `remo needs Node.js 22.12 or newer; this is ${process.version}.\n` +
      'Run it through npm so the project\'s own Node is used: `npx remo …` or `npm exec remo …`.\n',
  );
  process.exit(1);
}
// The CLI is TypeScript run through tsx, so `npx remo` works right after `npm ci`, no build step.
const { register } = await import('tsx/esm/api');
register();
// The launcher composes the sibling layers: every command comes from the CLI (electron/cli) except
// `remo web`, which is the web host's own (electron/host); neither imports the other.
const { runCli, DB_OPTION_HELP } = await import('./main.ts');
const { registerWebCommand } = await import('../host/webCommand.ts');
await runCli(process.argv, [(program) => registerWebCommand(program, DB_OPTION_HELP)]);
