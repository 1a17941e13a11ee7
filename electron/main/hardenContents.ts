import { app, session, shell, type WebContents } from 'electron';
import { isAppPageUrl, isSafeExternalUrl } from './appOrigin';

/**
 * Guards every web contents the app ever creates (architecture §5):
 * - no navigation away from the app page; a link the user clicks opens in the browser only if it
 *   is a validated http(s) URL;
 * - no new windows (same rule for window.open / target=_blank);
 * - no <webview> tags;
 * - every permission request (camera, notifications, geolocation...) denied by default.
 */
export function hardenContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppPageUrl(url)) return;
      event.preventDefault();
      openExternally(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPageUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}
