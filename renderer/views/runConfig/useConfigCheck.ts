import { useEffect, useState } from 'react';
import type { ConfigCheck } from '../../../shared/api/contract';
import { useApp } from '../../store/storeContext';

/** The core checks the config this long after the last keystroke. */
const CHECK_SETTLE_MS = 300;

/**
 * The core's check of `config` (runs.validateConfig: the rules of starting a run, nothing written),
 * redone a moment after each change; null until the first answer. `config` should be memoised.
 */
export function useConfigCheck(config: Record<string, unknown>): ConfigCheck | null {
  const checkConfig = useApp((s) => s.checkConfig);
  const [check, setCheck] = useState<ConfigCheck | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void checkConfig(config).then((result) => !cancelled && setCheck(result));
    }, CHECK_SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [config, checkConfig]);
  return check;
}

/** The check's issues at any of `prefixes` (a path or a path below it). */
export function issuesAt(check: ConfigCheck | null, ...prefixes: string[]): ConfigCheck['issues'] {
  return (check?.issues ?? []).filter((issue) => prefixes.some((prefix) => issue.path === prefix || issue.path.startsWith(`${prefix}.`)));
}
