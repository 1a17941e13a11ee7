import { describe, expect, it } from 'vitest';
import { applyThinkingSwitch, NO_THINK_TAG } from '../../../electron/core/llm/thinking/thinkingSwitch';
import type { ChatMessage } from '../../../electron/core/llm/types';

const messages: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'first' },
  { role: 'assistant', content: 'reply' },
  { role: 'user', content: 'second' },
];

describe('applyThinkingSwitch', () => {
  it.each(['vllm', 'sglang', 'simulator'] as const)('sends chat_template_kwargs for %s and leaves messages alone', (kind) => {
    const result = applyThinkingSwitch(kind, messages, true);
    expect(result.body).toEqual({ chat_template_kwargs: { enable_thinking: false } });
    expect(result.messages).toEqual(messages);
  });

  it('sends a top-level enable_thinking=false for DashScope', () => {
    expect(applyThinkingSwitch('dashscope', messages, true).body).toEqual({ enable_thinking: false });
  });

  it.each(['llamacpp', 'ollama', 'lmstudio', 'custom'] as const)('appends /no_think to the last user turn only for %s', (kind) => {
    const result = applyThinkingSwitch(kind, messages, true);
    expect(result.body).toEqual({});
    expect(result.messages[3]!.content).toBe(`second\n${NO_THINK_TAG}`);
    expect(result.messages[1]!.content).toBe('first');
    expect(messages[3]!.content).toBe('second'); // caller's array untouched
  });

  it('does nothing when thinking stays on', () => {
    expect(applyThinkingSwitch('ollama', messages, false)).toEqual({ body: {}, messages });
  });
});
