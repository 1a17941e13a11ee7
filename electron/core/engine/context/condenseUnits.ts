import type { ContextCondensedData, CondensationLevel, LoggedCall } from '../../../../shared/events/run/runEventTypes';
import { buildCondenseMessages } from '../../../../shared/prompts/condenseMessages';
import { clipToTokens, estimateMessagesTokens, estimateTokens } from '../../../../shared/prompts/estimateTokens';
import { boundedMap } from '../boundedMap';
import type { PhaseContext } from '../phaseContext';
import { contextSettingsOf } from './promptBudget';

/** One line of what is condensed (a step), or a digest covering units `from`..`to`. */
export interface Unit { from: number; to: number; text: string }

/** More levels than this would mean summaries do not shrink; the last level is then cut. */
const MAX_LEVELS = 6;

function tokensOf(units: readonly Unit[]): number {
  return units.reduce((sum, u) => sum + estimateTokens(u.text) + 1, 0);
}

/** Greedy, order-keeping grouping of units into chunks of at most `limit` tokens (a unit alone is cut to fit). */
function chunk(units: readonly Unit[], limit: number): Unit[][] {
  const chunks: Unit[][] = [];
  let current: Unit[] = [];
  let size = 0;
  for (const unit of units) {
    const fitted = estimateTokens(unit.text) + 1 > limit ? { ...unit, text: clipToTokens(unit.text, limit - 1) } : unit;
    const cost = estimateTokens(fitted.text) + 1;
    if (current.length > 0 && size + cost > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(fitted);
    size += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Hierarchical condensation of a list that does not fit a prompt: the units are cut into chunks
 * of at most `context.chunkTokens` (and the role's own budget), each chunk is summarised by the
 * role's model (in parallel, results in order), each summary cut to `context.summaryTokens`; if
 * the summaries together still exceed `roomTokens`, they are summarised again, level by level.
 * Deterministic given the state (the requests depend only on the units, the settings and the
 * budget), and every call is returned for the caller's ContextCondensed event.
 */
export async function condenseUnits(ctx: PhaseContext, args: {
  role: 'reflector';
  part: string;
  what: string;
  epoch: number;
  step: number | null;
  units: readonly Unit[];
  /** Tokens the condensed text may take in the final prompt. */
  roomTokens: number;
  /** The role's prompt budget: no summary call may exceed it either. */
  budgetTokens: number;
  render: (units: readonly Unit[], condensed: boolean) => string;
}): Promise<{ text: string; event: ContextCondensedData | null }> {
  const plain = args.render(args.units, false);
  const tokensBefore = estimateTokens(plain);
  if (tokensBefore <= args.roomTokens) return { text: plain, event: null };
  const settings = contextSettingsOf(ctx.config);
  const frame = estimateMessagesTokens(buildCondenseMessages(ctx.templates, { epoch: args.epoch, what: args.what, from: 0, to: 0, level: 1, content: '', maxWords: 0 })) + 16;
  const chunkLimit = Math.max(256, Math.min(settings.chunkTokens, args.budgetTokens - frame));
  const summaryTokens = Math.min(settings.summaryTokens, Math.floor(chunkLimit / 4));
  const calls: LoggedCall[] = [];
  const levels: CondensationLevel[] = [];
  let units: Unit[] = [...args.units];
  for (let level = 1; level <= MAX_LEVELS; level++) {
    const chunks = chunk(units, chunkLimit);
    const replies = await boundedMap(chunks, ctx.config.parallelism, (group) => ctx.chat(args.role, buildCondenseMessages(ctx.templates, {
      epoch: args.epoch, what: args.what, from: group[0]!.from, to: group.at(-1)!.to, level,
      content: group.map((u) => u.text).join('\n'),
      // About two estimated tokens a word: the cut below rarely has to act.
      maxWords: Math.max(20, Math.floor(summaryTokens / 2)),
    })));
    const next = chunks.map((group, i) => ({
      from: group[0]!.from, to: group.at(-1)!.to,
      text: `${args.what} ${group[0]!.from}-${group.at(-1)!.to}: ${clipToTokens(replies[i]!.text.replace(/\s+/g, ' ').trim(), summaryTokens)}`,
    }));
    calls.push(...replies.map((r) => r.call));
    levels.push({ level, chunks: chunks.length, tokensBefore: tokensOf(units), tokensAfter: tokensOf(next) });
    units = next;
    if (estimateTokens(args.render(units, true)) <= args.roomTokens || units.length === 1) break;
  }
  let text = args.render(units, true);
  // Last resort (a tiny window): cut the digest itself rather than send a prompt that cannot fit.
  if (estimateTokens(text) > args.roomTokens) text = clipToTokens(text, args.roomTokens);
  return {
    text,
    event: {
      epoch: args.epoch, step: args.step, role: args.role, part: args.part, method: 'summaries', budgetTokens: args.budgetTokens,
      tokensBefore, tokensAfter: estimateTokens(text), levels, summaries: units.map((u) => u.text), itemsBefore: args.units.length, calls,
    },
  };
}
