import type { EndpointConfig } from './runConfig';

/**
 * How a request asks a Qwen3-style model to answer without thinking ("standard mode"). Each server
 * takes its own switch; the gateway applies it (electron/core/llm/thinking/thinkingSwitch.ts), the
 * connection test probes which one a server honours, and the resolved run config records the one
 * each endpoint used.
 *
 * - `chat-template-kwargs`: body `chat_template_kwargs: {enable_thinking: false}` (vLLM, SGLang,
 *   llama.cpp's server, the simulator).
 * - `reasoning-effort`: body `reasoning_effort: "none"` (Ollama's OpenAI-compatible endpoint).
 * - `enable-thinking`: body `enable_thinking: false` (DashScope's compatible mode).
 * - `no-think-tag`: `/no_think` appended to the last user turn, which the model itself honours;
 *   the fallback where a server has no switch of its own.
 */
export const THINKING_SWITCHES = ['chat-template-kwargs', 'reasoning-effort', 'enable-thinking', 'no-think-tag'] as const;
export type ThinkingSwitchName = (typeof THINKING_SWITCHES)[number];

// Type-only: runConfig imports the switch names from here.
type Kind = EndpointConfig['kind'];

/**
 * The switch a new run uses for each server kind unless its endpoint names one. LM Studio's
 * OpenAI endpoint is known to ignore both body switches for some models, and a custom server is
 * unknown, so those keep the tag; the connection test says when another switch works there.
 */
export const DEFAULT_THINKING_SWITCH: Readonly<Record<Kind, ThinkingSwitchName>> = {
  vllm: 'chat-template-kwargs',
  sglang: 'chat-template-kwargs',
  llamacpp: 'chat-template-kwargs',
  simulator: 'chat-template-kwargs',
  ollama: 'reasoning-effort',
  dashscope: 'enable-thinking',
  lmstudio: 'no-think-tag',
  custom: 'no-think-tag',
};

/**
 * What each kind used before endpoints recorded their switch: a recorded config without the field
 * is an older run, and resuming it must send what it sent then.
 */
export const LEGACY_THINKING_SWITCH: Readonly<Record<Kind, ThinkingSwitchName>> = {
  vllm: 'chat-template-kwargs',
  sglang: 'chat-template-kwargs',
  simulator: 'chat-template-kwargs',
  dashscope: 'enable-thinking',
  llamacpp: 'no-think-tag',
  ollama: 'no-think-tag',
  lmstudio: 'no-think-tag',
  custom: 'no-think-tag',
};
