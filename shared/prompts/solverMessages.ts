import type { ChatMessageShape } from './chatMessage';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface LessonForPrompt { lesson: string; question: string }

/** Longest question excerpt shown beside a lesson: enough to judge relevance, short enough to stay cheap. */
const QUESTION_EXCERPT = 160;

/** Renders retrieved notebook entries as numbered lines: lesson first, then the question it came from. */
export function renderLessons(lessons: readonly LessonForPrompt[]): string {
  return lessons
    .map((l, i) => {
      const q = l.question.length > QUESTION_EXCERPT ? `${l.question.slice(0, QUESTION_EXCERPT)}…` : l.question;
      return `${i + 1}. ${l.lesson} (from: "${q.replace(/\s+/g, ' ')}")`;
    })
    .join('\n');
}

/**
 * The solver request: system prompt P, then the question, preceded by a <LESSONS> block when
 * notebook entries were retrieved. Without lessons there is no block at all, so a `textgrad`
 * request is exactly P + question.
 */
export function buildSolverMessages(templates: PromptTemplates, prompt: string, question: string, lessons: readonly LessonForPrompt[]): ChatMessageShape[] {
  const lessonsBlock = lessons.length > 0 ? `${renderTemplate(templates['solver-lessons'], { lessons: renderLessons(lessons) })}\n\n` : '';
  return [
    { role: 'system', content: prompt },
    { role: 'user', content: renderTemplate(templates['solver-user'], { lessonsBlock, question }) },
  ];
}
