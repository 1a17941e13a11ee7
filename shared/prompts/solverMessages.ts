import type { LessonFormat } from '../config/runConfig';
import type { ChatMessageShape } from './chatMessage';
import { clipToTokens } from './estimateTokens';
import { renderTemplate, type PromptTemplates } from './renderTemplate';

export interface LessonForPrompt {
  lesson: string;
  question: string;
  /** The notebook entry's correct and wrong answers ('record' format). */
  gold?: string;
  predicted?: string | null;
}

/** Longest question excerpt shown beside a lesson: enough to judge relevance, short enough to stay cheap. */
const QUESTION_EXCERPT = 160;
/** In a record, a question longer than this (estimated tokens) is cut: GSM8K questions are ~60-150. */
const RECORD_QUESTION_TOKENS = 240;
/** A lesson is one line; a longer one is cut in a record. */
const RECORD_LESSON_TOKENS = 100;

/** 'excerpt' rendering: numbered lines, lesson first, then the question it came from. */
export function renderLessons(lessons: readonly LessonForPrompt[]): string {
  return lessons
    .map((l, i) => {
      const q = l.question.length > QUESTION_EXCERPT ? `${l.question.slice(0, QUESTION_EXCERPT)}…` : l.question;
      return `${i + 1}. ${l.lesson} (from: "${q.replace(/\s+/g, ' ')}")`;
    })
    .join('\n');
}

/**
 * 'record' rendering (the method spec's retrieved record): per entry the question, the wrong
 * answer, the correct answer and the one-line lesson, numbered, a blank line between entries.
 */
export function renderLessonRecords(lessons: readonly LessonForPrompt[]): string {
  return lessons
    .map((l, i) => [
      `${i + 1}. Question: ${clipToTokens(l.question.replace(/\s+/g, ' ').trim(), RECORD_QUESTION_TOKENS)}`,
      `   Wrong answer given: ${l.predicted ?? '(no answer found)'}`,
      `   Correct answer: ${l.gold ?? '(unknown)'}`,
      `   Lesson: ${clipToTokens((l.lesson.split('\n')[0] ?? '').trim(), RECORD_LESSON_TOKENS)}`,
    ].join('\n'))
    .join('\n\n');
}

/** The <LESSONS> block (with its template's framing), or '' when nothing is shown. */
export function renderLessonsBlock(templates: PromptTemplates, lessons: readonly LessonForPrompt[], format: LessonFormat): string {
  if (lessons.length === 0) return '';
  const body = format === 'record' ? renderLessonRecords(lessons) : renderLessons(lessons);
  return `${renderTemplate(templates['solver-lessons'], { lessons: body })}\n\n`;
}

/**
 * The solver request: system prompt P, then the question, preceded by a <LESSONS> block when
 * notebook entries were retrieved. Without lessons there is no block at all, so a `textgrad`
 * request is exactly P + question.
 */
export function buildSolverMessages(
  templates: PromptTemplates, prompt: string, question: string, lessons: readonly LessonForPrompt[], format: LessonFormat = 'excerpt',
): ChatMessageShape[] {
  return [
    { role: 'system', content: prompt },
    { role: 'user', content: renderTemplate(templates['solver-user'], { lessonsBlock: renderLessonsBlock(templates, lessons, format), question }) },
  ];
}

/** The solver's user message alone (lessons block + question): what critics and the optimizer see as the model's input. */
export function solverInput(templates: PromptTemplates, question: string, lessons: readonly LessonForPrompt[], format: LessonFormat = 'excerpt'): string {
  return buildSolverMessages(templates, '', question, lessons, format)[1]!.content;
}
