import { DEFAULT_THINKING_SWITCH, LEGACY_THINKING_SWITCH, type ThinkingSwitchName } from '../../../../shared/config/thinkingSwitches';
import type { ChatMessage, EndpointProfile } from '../types';

export type { ThinkingSwitchName } from '../../../../shared/config/thinkingSwitches';

/** The Qwen3 soft switch honoured by every Qwen3 chat template, used where no body flag exists. */
export const NO_THINK_TAG = '/no_think';

export interface ThinkingSwitch {
  /** Extra top-level fields for the request body. */
  body: Record<string, unknown>;
  messages: ChatMessage[];
}

/** The switch an endpoint uses: the one it names, else its kind's default. */
export function thinkingSwitchOf(endpoint: Pick<EndpointProfile, 'kind' | 'thinkingSwitch'>): ThinkingSwitchName {
  return endpoint.thinkingSwitch ?? DEFAULT_THINKING_SWITCH[endpoint.kind];
}

/**
 * Whether an endpoint sends what its kind sent before endpoints named their switch. The response
 * cache keys such requests as before, so an existing cache stays valid; any other switch is a
 * different request and gets its own key.
 */
export function usesLegacySwitch(endpoint: Pick<EndpointProfile, 'kind' | 'thinkingSwitch'>): boolean {
  return thinkingSwitchOf(endpoint) === LEGACY_THINKING_SWITCH[endpoint.kind];
}

/**
 * Applies Qwen3 "standard mode" (thinking off) with the given switch (see
 * shared/config/thinkingSwitches.ts): a body field for the servers that take one, else the
 * `/no_think` tag appended to the last user turn. Pure: returns new messages, never mutates the
 * caller's.
 */
export function applyThinkingSwitch(how: ThinkingSwitchName, messages: readonly ChatMessage[], disable: boolean): ThinkingSwitch {
  if (!disable) return { body: {}, messages: [...messages] };
  switch (how) {
    case 'chat-template-kwargs':
      return { body: { chat_template_kwargs: { enable_thinking: false } }, messages: [...messages] };
    case 'reasoning-effort':
      return { body: { reasoning_effort: 'none' }, messages: [...messages] };
    case 'enable-thinking':
      return { body: { enable_thinking: false }, messages: [...messages] };
    case 'no-think-tag':
      return { body: {}, messages: appendNoThinkTag(messages) };
  }
}

function appendNoThinkTag(messages: readonly ChatMessage[]): ChatMessage[] {
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  return messages.map((message, index) =>
    index === lastUser && !message.content.includes(NO_THINK_TAG) ? { ...message, content: `${message.content}\n${NO_THINK_TAG}` } : message,
  );
}
