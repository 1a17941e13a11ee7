import type { ChatMessageShape } from './chatMessage';
import { clipTrace } from './criticMessages';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

/** The lesson writer's request for one failure; an update shows the entry's previous lesson to refresh. */
export function buildLessonWriterMessages(
  templates: PromptTemplates,
  failure: { question: string; gold: string; predicted: string | null; trace: string; previousLesson: string | null },
): ChatMessageShape[] {
  return [
    { role: 'system', content: templates['lesson-writer-system'] },
    { role: 'user', content: renderTemplate(templates['lesson-writer-user'], {
      question: failure.question, gold: failure.gold, predicted: failure.predicted ?? '(none found)', trace: clipTrace(failure.trace),
      previousLessonBlock: failure.previousLesson ? `\nA lesson was already written for a similar mistake; refresh it:\n${failure.previousLesson}\n` : '',
    }) },
  ];
}

/** One sentence, as the notebook stores it: think blocks, quotes and list markers removed. */
export function cleanLesson(reply: string): string {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const firstLine = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return firstLine.replace(/^[-*\d.)\s]+/, '').replace(/^(lesson:\s*)/i, '').replace(/^["']|["']$/g, '').slice(0, 600);
}
