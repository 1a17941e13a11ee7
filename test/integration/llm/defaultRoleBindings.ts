import { DEFAULT_ROLE_SAMPLING } from '../../../shared/config/resolveRunConfig';
import type { Role, RoleBinding, RoleBindings } from '../../../electron/core/llm/types';

/**
 * Gateway bindings for tests and benchmarks that build a gateway without a run config: every chat
 * role on one endpoint (or group) with the run config's per-role sampling defaults, thinking off.
 * The embedder uses `embedderEndpoint` when given, else the built-in lexical one.
 */
export function defaultRoleBindings(endpoint: string, options: { embedderEndpoint?: string } = {}): RoleBindings {
  const bind = (role: Role): RoleBinding => ({ endpoint, sampling: { ...DEFAULT_ROLE_SAMPLING[role] }, disableThinking: true });
  return {
    solver: bind('solver'),
    critic: bind('critic'),
    optimizer: bind('optimizer'),
    lessonWriter: bind('lessonWriter'),
    reflector: bind('reflector'),
    metaController: bind('metaController'),
    ...(options.embedderEndpoint ? { embedder: { endpoint: options.embedderEndpoint, sampling: {} } } : {}),
  };
}
