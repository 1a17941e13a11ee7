/** Small display formatters shared by the CLI's tables and progress lines. */

/** 0.8734 -> "87.3"; null -> "—". Accuracies are fractions in [0,1] in the core. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : (value * 100).toFixed(1);
}

/** val - test in percentage points, signed; "—" when either is missing. */
export function formatGap(val: number | null, test: number | null): string {
  if (val === null || test === null) return '—';
  const points = (val - test) * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)}`;
}

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Seconds -> "12.3s", "4m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
