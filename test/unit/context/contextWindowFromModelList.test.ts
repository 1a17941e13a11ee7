import { describe, expect, it } from 'vitest';
import { contextWindowFromModelList } from '../../../electron/core/llm/gateway/contextWindowFromModelList';

describe('contextWindowFromModelList', () => {
  it.each([
    ['vLLM / SGLang max_model_len', { data: [{ id: 'Qwen/Qwen3-32B', object: 'model', max_model_len: 40960 }] }, 40960],
    ['context_length (proxies)', { data: [{ id: 'Qwen/Qwen3-32B', context_length: 32768 }] }, 32768],
    ['the entry of the configured model, not another', { data: [{ id: 'other', max_model_len: 8192 }, { id: 'Qwen/Qwen3-32B', max_model_len: 131072 }] }, 131072],
    ['Ollama says nothing', { object: 'list', data: [{ id: 'Qwen/Qwen3-32B', object: 'model', owned_by: 'library' }] }, null],
    ["llama.cpp's training length is not the server's window", { data: [{ id: 'Qwen/Qwen3-32B', meta: { n_ctx_train: 40960 } }] }, null],
    ['model not listed', { data: [{ id: 'other', max_model_len: 8192 }] }, null],
    ['not a model list', '<html>', null],
    ['a nonsense value', { data: [{ id: 'Qwen/Qwen3-32B', max_model_len: -3 }] }, null],
  ])('%s', (_name, body, expected) => {
    expect(contextWindowFromModelList(body, 'Qwen/Qwen3-32B')).toBe(expected);
  });
});
