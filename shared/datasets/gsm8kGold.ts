/**
 * GSM8K gold answer: the text after the last `####` in the solution, trimmed, commas removed
 * (method spec §6). Returns null when there is no `####` or nothing numeric follows it.
 */
export function gsm8kGold(solution: string): string | null {
  const at = solution.lastIndexOf('####');
  if (at < 0) return null;
  const gold = solution.slice(at + 4).trim().replace(/,/g, '');
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(gold) ? gold : null;
}
