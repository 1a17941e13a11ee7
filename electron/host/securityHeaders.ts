/**
 * Headers on every web host response. The CSP forbids inline scripts and eval (script-src 'self'
 * only), so even if LLM output ever reached the DOM as markup it could not run; styles likewise
 * come only from our own files. `ws:` to this origin is allowed for the /events push channel.
 */
export function contentSecurityPolicy(origins: readonly string[]): string {
  const sockets = origins.map((origin) => origin.replace(/^http:/, 'ws:')).join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(origins: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'X-Content-Type-Options': 'nosniff',
    // The first URL carries the token: never leak it to another site through Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
