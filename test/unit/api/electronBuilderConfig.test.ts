import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** electron-builder.yml cannot be built here (no internet); its invariants are checked instead. */
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  linux: { target: string[] };
  mac: { target: string };
  win: { target: string };
  extraMetadata: { main: string };
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('names the product and app id', () => {
    expect(config.productName).toBe('REMO Studio');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('ships the four builds (main, preload, core worker, renderer), resources and package.json, and the main entry is in that set', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/worker/**', 'dist/renderer/**', 'resources/**', 'package.json']));
    expect(pkg.main).toBe('dist/main/main.cjs');
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('unpacks the native modules from the asar (better-sqlite3 and every sqlite-vec platform package)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/sqlite-vec-*/**']));
  });

  it('never rebuilds native modules (prebuilds only; no Node headers on these machines)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('targets AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect([...config.linux.target].sort()).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });
});
