import type { ChatMessage, EndpointKind } from '../types';

/** The Qwen3 soft switch honoured by every Qwen3 chat template, used where no body flag exists. */
export const NO_THINK_TAG = '/no_think';

export interface ThinkingSwitch {
  /** Extra top-level fields for the request body. */
  body: Record<string, unknown>;
  messages: ChatMessage[];
}

/**
 * Applies Qwen3 "standard mode" (thinking off) the way each server kind expects:
 * vLLM, SGLang and the simulator take `chat_template_kwargs.enable_thinking=false`; DashScope's
 * compatible mode takes a top-level `enable_thinking=false`; everything else (llama.cpp, Ollama,
 * LM Studio, custom) gets the `/no_think` tag appended to the last user turn, which the model
 * itself honours. Pure: returns new messages, never mutates the caller's.
 */
export function applyThinkingSwitch(kind: EndpointKind, messages: readonly ChatMessage[], disable: boolean): ThinkingSwitch {
  if (!disable) return { body: {}, messages: [...messages] };
  switch (kind) {
    case 'vllm':
    case 'sglang':
    case 'simulator':
      return { body: { chat_template_kwargs: { enable_thinking: false } }, messages: [...messages] };
    case 'dashscope':
      return { body: { enable_thinking: false }, messages: [...messages] };
    default:
      return { body: {}, messages: appendNoThinkTag(messages) };
  }
}

function appendNoThinkTag(messages: readonly ChatMessage[]): ChatMessage[] {
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  return messages.map((message, index) =>
    index === lastUser && !message.content.includes(NO_THINK_TAG) ? { ...message, content: `${message.content}\n${NO_THINK_TAG}` } : message,
  );
}
