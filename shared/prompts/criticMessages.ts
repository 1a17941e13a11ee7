import type { ChatMessageShape } from './chatMessage';
import { SYSTEM_PROMPT_ROLE } from './optimizerMessages';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface FailureForCritic {
  question: string;
  gold: string;
  predicted: string | null;
  response: string;
  /** Lessons that were shown to the solver (notebook methods). */
  lessons: string[];
}

/** Responses longer than this are cut in the failures critique and lesson prompts: the end (the answer) is kept. */
const MAX_TRACE = 3000;

export function clipTrace(text: string): string {
  return text.length <= MAX_TRACE ? text : `…${text.slice(text.length - MAX_TRACE)}`;
}

/** The REMO-side option `critiqueScope: failures`: one call over the minibatch's failures. */
export function buildFailureCritiqueMessages(templates: PromptTemplates, prompt: string, failures: readonly FailureForCritic[], batchSize: number): ChatMessageShape[] {
  const withLessons = failures.some((f) => f.lessons.length > 0);
  const cases = failures.map((f, i) => [
    `### Case ${i + 1}`,
    `Question: ${f.question}`,
    `Expected answer: ${f.gold}`,
    `Model's answer: ${f.predicted ?? '(none found)'}`,
    ...(f.lessons.length > 0 ? [`Lessons shown to the model:\n${f.lessons.map((l) => `- ${l}`).join('\n')}`] : []),
    `Model response:\n${clipTrace(f.response)}`,
  ].join('\n')).join('\n\n');
  return [
    { role: 'system', content: templates['critic-system'] },
    { role: 'user', content: renderTemplate(templates['critic-failures'], {
      prompt, failureCount: failures.length, batchSize, failures: cases,
      lessonsNote: withLessons ? ', and the lessons from past mistakes it was shown' : '',
    }) },
  ];
}

/**
 * TextGrad's first critic call for one item (right or wrong): feedback on the response, given the
 * question, the expected answer and the check's verdict. The response is sent whole, as TextGrad
 * does (templates from v2 on; v1 runs keep their clipped trace so their requests do not change).
 */
export function buildResponseCritiqueMessages(
  templates: PromptTemplates,
  item: { question: string; gold: string; predicted: string | null; response: string; correct: boolean },
): ChatMessageShape[] {
  const wholeResponse = templates['critic-response'].includes('<RESPONSE>');
  return [
    { role: 'system', content: templates['critic-system'] },
    { role: 'user', content: renderTemplate(templates['critic-response'], {
      gold: item.gold, predicted: item.predicted ?? '(none found)', verdict: item.correct ? 'correct' : 'wrong',
      question: item.question, response: wholeResponse ? item.response : clipTrace(item.response),
    }) },
  ];
}

/** One solver exchange as the second critic call and the optimizer see it. */
export interface SolverExchange {
  /** The solver's user message: lessons block (notebook methods) and question. */
  input: string;
  /** The solver's full response. */
  response: string;
}

/**
 * TextGrad's second critic call for one item: feedback on the system prompt P, given the whole
 * exchange (P, what the solver was sent, its response) and the first call's feedback. Templates
 * older than v2 only use P and the first feedback; the extra values are ignored there.
 */
export function buildPromptCritiqueMessages(templates: PromptTemplates, prompt: string, exchange: SolverExchange, responseFeedback: string): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['critic-system'] },
    { role: 'user', content: renderTemplate(templates['critic-prompt'], {
      variableRole: SYSTEM_PROMPT_ROLE, prompt, input: exchange.input, response: exchange.response, responseFeedback,
    }) },
  ];
}
