import { z } from 'zod';

/**
 * Accounting of one model call, as logged. Mirrors electron/core/llm CallRecord (shared/ cannot
 * import core). Every event may carry `calls: CallRecord[]`; usage is the sum over the log.
 */
export const callRecordSchema = z.object({
  role: z.string(),
  endpoint: z.string(),
  model: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  latencyMs: z.number(),
  attempts: z.number(),
  finishReason: z.string(),
  cached: z.boolean(),
});
export type LoggedCall = z.infer<typeof callRecordSchema>;
export const callsSchema = z.array(callRecordSchema);
