import type { ChatMessageShape } from './chatMessage';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface FailureForCritic {
  question: string;
  gold: string;
  predicted: string | null;
  response: string;
  /** Lessons that were shown to the solver (notebook methods). */
  lessons: string[];
}

/** Responses longer than this are cut in critic and lesson prompts: the end (the answer) is kept. */
const MAX_TRACE = 3000;

export function clipTrace(text: string): string {
  return text.length <= MAX_TRACE ? text : `…${text.slice(text.length - MAX_TRACE)}`;
}

/** REMO's critique: one call over the minibatch's failures. */
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

/** TextGrad's first critic call for one item: feedback on the response. */
export function buildResponseCritiqueMessages(
  templates: PromptTemplates,
  item: { question: string; gold: string; predicted: string | null; response: string; correct: boolean },
): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['critic-system'] },
    { role: 'user', content: renderTemplate(templates['critic-response'], {
      gold: item.gold, predicted: item.predicted ?? '(none found)', verdict: item.correct ? 'correct' : 'wrong',
      question: item.question, response: clipTrace(item.response),
    }) },
  ];
}

/** TextGrad's second critic call for one item: feedback on the system prompt, from the first. */
export function buildPromptCritiqueMessages(templates: PromptTemplates, prompt: string, responseFeedback: string): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['critic-system'] },
    { role: 'user', content: renderTemplate(templates['critic-prompt'], { prompt, responseFeedback }) },
  ];
}
