/** Display formatting only; numbers come from the core unchanged. */

/** An accuracy in [0,1] as a percentage with one decimal, or an en dash when unmeasured. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** 1234 -> "1.2k", 2_500_000 -> "2.5M". */
export function formatCount(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return String(value);
}

/** Seconds as "42s", "3m 05s", "1h 02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** ISO time as local "YYYY-MM-DD HH:MM". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A p-value to four decimals without trailing zeros ("0.0312", "1"); tiny ones in exponent form. */
export function formatP(p: number): string {
  if (p === 1) return '1';
  if (p < 0.0001) return p.toExponential(1);
  return p.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
