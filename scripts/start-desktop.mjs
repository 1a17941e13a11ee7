#!/usr/bin/env node
// `npm start`: builds REMO Studio and opens it in Electron. Electron >= 42 fetches its binary on
// first use, which fails on offline machines with a long stack trace; this checks for the binary
// first (node_modules/electron/path.txt naming a file in dist/, or ELECTRON_OVERRIDE_DIST_PATH, as
// electron's own index.js resolves it) and otherwise says in one line what to do instead.
// Never require('electron') here: that starts the download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable || 'electron') : executable ? path.join(root, 'node_modules/electron/dist', executable) : null;
  return binary && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write('REMO Studio: the Electron binary is not installed (it could not be downloaded); `npm run start:web` serves the same app in a browser.\n');
  process.exit(1);
}

// npm_execpath is the npm that runs this script: no reliance on PATH, and no .cmd shim on Windows.
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, 'run', 'build']] : ['npm', ['run', 'build']];
const build = spawnSync(npm[0], npm[1], { cwd: root, stdio: 'inherit', shell: !process.env.npm_execpath && process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', windowsHide: false });
// Ctrl+C in the terminal reaches Electron, whose before-quit pauses runs before it exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
