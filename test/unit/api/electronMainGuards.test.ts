import { describe, expect, it } from 'vitest';
import { APP_CSP, isAppPageUrl, isSafeExternalUrl } from '../../../electron/main/appOrigin';
import { asarUnpackedPath } from '../../../electron/main/asarUnpackedPath';

describe('Electron main guards (pure parts)', () => {
  it('accepts only the app page as an IPC sender', () => {
    expect(isAppPageUrl('app://remo/index.html')).toBe(true);
    expect(isAppPageUrl('app://remo/')).toBe(true);
    for (const url of ['app://remo/assets/x.js', 'app://evil/index.html', 'file:///index.html', 'https://remo/index.html', 'about:blank', '', null, 'not a url']) {
      expect(isAppPageUrl(url), String(url)).toBe(false);
    }
  });

  it('opens only plain http(s) links externally', () => {
    expect(isSafeExternalUrl('https://arxiv.org/abs/2508.18749')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8000/v1')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://remo/index.html', 'smb://host/share', 'https://user:pw@example.com/', 'https:', 'x'.repeat(3000)]) {
      expect(isSafeExternalUrl(url), url.slice(0, 40)).toBe(false);
    }
  });

  it('has a CSP without inline script, eval or network access', () => {
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("connect-src 'none'");
    expect(APP_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('rewrites a path inside app.asar to app.asar.unpacked, and leaves others alone', () => {
    expect(asarUnpackedPath('/opt/REMO Studio/resources/app.asar/node_modules/sqlite-vec-linux-x64/vec0.so', '/')).toBe(
      '/opt/REMO Studio/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so',
    );
    expect(asarUnpackedPath('C:\\Apps\\REMO\\resources\\app.asar\\node_modules\\sqlite-vec-windows-x64\\vec0.dll', '\\')).toBe(
      'C:\\Apps\\REMO\\resources\\app.asar.unpacked\\node_modules\\sqlite-vec-windows-x64\\vec0.dll',
    );
    expect(asarUnpackedPath('/work/main/node_modules/sqlite-vec-linux-x64/vec0.so', '/')).toBe('/work/main/node_modules/sqlite-vec-linux-x64/vec0.so');
  });
});
