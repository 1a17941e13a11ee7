import { THINKING_SWITCHES, type ThinkingSwitchName } from '../../../../shared/config/thinkingSwitches';
import type { ThinkingProbeView } from '../../../../shared/api/contract';
import { stripThinking } from '../../../../shared/prompts/stripThinking';
import type { LlmError } from '../types';

/** What one probe request came back with. */
export interface ProbeReply {
  content: string;
  reasoning?: string;
}

export interface ThinkingProbeResult {
  /** One entry per switch tried, in order. */
  probes: ThinkingProbeView[];
  /** The first switch whose reply had no thinking, if any. */
  found?: ThinkingSwitchName;
  /** A failure that is not the server refusing the switch (unreachable, timeout, key): probing stopped. */
  failure?: LlmError;
}

/**
 * Finds a switch the server honours: tries the endpoint's own first, then the others, and stops
 * at the first reply without thinking. A 2xx is not enough: servers ignore unknown body fields
 * (Ollama does), so only a reply with no thinking text proves the switch works. A 4xx counts as
 * "rejected" and the next switch is tried; any other failure ends the probe.
 */
export async function probeThinkingSwitch(
  own: ThinkingSwitchName,
  send: (how: ThinkingSwitchName) => Promise<ProbeReply>,
  classify: (error: unknown) => LlmError,
): Promise<ThinkingProbeResult> {
  const probes: ThinkingProbeView[] = [];
  for (const how of [own, ...THINKING_SWITCHES.filter((other) => other !== own)]) {
    let reply: ProbeReply;
    try {
      reply = await send(how);
    } catch (error) {
      const failure = classify(error);
      if (failure.code !== 'bad-request') return { probes, failure };
      probes.push({ switch: how, outcome: 'rejected', detail: failure.message });
      continue;
    }
    const thinks = Boolean(reply.reasoning?.trim()) || stripThinking(reply.content).thinking !== undefined;
    probes.push({ switch: how, outcome: thinks ? 'thinking' : 'off' });
    if (!thinks) return { probes, found: how };
  }
  return { probes };
}
