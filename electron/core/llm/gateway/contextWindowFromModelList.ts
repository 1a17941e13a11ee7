/**
 * The context window a GET /models body states for `model`, or null when it states none.
 * vLLM and SGLang put `max_model_len` on each model; some proxies and hosted APIs use
 * `context_length` or `context_window`. llama.cpp lists `meta.n_ctx_train`, the length the model
 * was trained for, not the server's `--ctx-size`, so it is deliberately not read. Ollama says
 * nothing here (its window is the `num_ctx` option): those servers need `contextTokens` in the config.
 */
export function contextWindowFromModelList(body: unknown, model: string): number | null {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return null;
  const entry = data.find((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === model);
  if (!entry) return null;
  for (const key of ['max_model_len', 'context_length', 'context_window']) {
    const value = entry[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return null;
}
