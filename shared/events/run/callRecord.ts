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
  /**
   * The `system_fingerprint` the server sent with the reply, when it sent one. Optional and added
   * after version 1 of every event type shipped: old logs simply lack it, so no upcast is needed.
   */
  fingerprint: z.string().optional(),
  /** True when the token counts are the gateway's estimate (ceil(characters / 4)): the server sent no usage. */
  estimated: z.boolean().optional(),
});
export type LoggedCall = z.infer<typeof callRecordSchema>;
export const callsSchema = z.array(callRecordSchema);

/**
 * The fingerprint REMO's simulator puts on every reply (`remo sim`, electron/core/llm/simulator).
 * A run is labelled simulated as soon as one call carries it, whatever kind its endpoint claims.
 */
export const SIMULATOR_FINGERPRINT = 'remo-simulator';

/** True when any of the calls was answered by the simulator. */
export function answeredBySimulator(calls: readonly Pick<LoggedCall, 'fingerprint'>[] | undefined): boolean {
  return (calls ?? []).some((call) => call.fingerprint === SIMULATOR_FINGERPRINT);
}
