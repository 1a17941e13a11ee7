import { describe, expect, it } from 'vitest';
import { DEFAULT_THINKING_SWITCH, LEGACY_THINKING_SWITCH } from '../../../shared/config/thinkingSwitches';
import { applyThinkingSwitch, NO_THINK_TAG, thinkingSwitchOf, usesLegacySwitch } from '../../../electron/core/llm/thinking/thinkingSwitch';
import type { ChatMessage } from '../../../electron/core/llm/types';

const messages: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'first' },
  { role: 'assistant', content: 'reply' },
  { role: 'user', content: 'second' },
];

describe('applyThinkingSwitch', () => {
  it.each([
    ['chat-template-kwargs', { chat_template_kwargs: { enable_thinking: false } }],
    ['reasoning-effort', { reasoning_effort: 'none' }],
    ['enable-thinking', { enable_thinking: false }],
  ] as const)('%s is a body field and leaves the messages alone', (how, body) => {
    const result = applyThinkingSwitch(how, messages, true);
    expect(result.body).toEqual(body);
    expect(result.messages).toEqual(messages);
  });

  it('no-think-tag appends /no_think to the last user turn only, without touching the caller\'s array', () => {
    const result = applyThinkingSwitch('no-think-tag', messages, true);
    expect(result.body).toEqual({});
    expect(result.messages[3]!.content).toBe(`second\n${NO_THINK_TAG}`);
    expect(result.messages[1]!.content).toBe('first');
    expect(messages[3]!.content).toBe('second');
  });

  it('does nothing when thinking stays on', () => {
    expect(applyThinkingSwitch('reasoning-effort', messages, false)).toEqual({ body: {}, messages });
  });
});

describe('the switch of an endpoint', () => {
  it('is each server\'s own switch by default; the /no_think tag only where none is known to work', () => {
    expect(DEFAULT_THINKING_SWITCH).toEqual({
      vllm: 'chat-template-kwargs', sglang: 'chat-template-kwargs', llamacpp: 'chat-template-kwargs', simulator: 'chat-template-kwargs',
      ollama: 'reasoning-effort', dashscope: 'enable-thinking', lmstudio: 'no-think-tag', custom: 'no-think-tag',
    });
    expect(thinkingSwitchOf({ kind: 'ollama' })).toBe('reasoning-effort');
    expect(thinkingSwitchOf({ kind: 'custom', thinkingSwitch: 'chat-template-kwargs' })).toBe('chat-template-kwargs');
  });

  it('knows which switches are what a kind sent before switches were named (cache keys stay as they were)', () => {
    expect(usesLegacySwitch({ kind: 'vllm' })).toBe(true);
    expect(usesLegacySwitch({ kind: 'ollama' })).toBe(false);
    expect(usesLegacySwitch({ kind: 'ollama', thinkingSwitch: 'no-think-tag' })).toBe(true);
    expect(LEGACY_THINKING_SWITCH.llamacpp).toBe('no-think-tag');
  });
});
