import { createHash } from 'node:crypto';
import type { RunConfig } from '../../../shared/config/runConfig';
import type { ChatMessageShape } from '../../../shared/prompts/chatMessage';

/**
 * Identity of a solver request: the exact messages plus the solver's endpoint, model and sampling.
 * Equal keys mean the same (prompt, item, retrieved context) on the same model, whose logged
 * result is reused instead of asking again. Model and sampling are in the key so a fork that
 * changes the model does not reuse its parent's answers.
 */
export function solverRequestKey(config: RunConfig, messages: readonly ChatMessageShape[]): string {
  const binding = config.roles.solver;
  const endpoints = config.endpoints.filter((e) => e.name === binding.endpoint || e.group === binding.endpoint).map((e) => e.model);
  return createHash('sha256').update(JSON.stringify({ endpoints, sampling: binding.sampling, thinking: binding.disableThinking, messages })).digest('hex').slice(0, 32);
}
