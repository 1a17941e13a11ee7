import { z } from 'zod';
import type { DatasetItem } from '../../../../shared/datasets/datasetItem';
import { gsm8kGold } from '../../../../shared/datasets/gsm8kGold';
import { escapeForDisplay } from '../../../../shared/text/escapeForDisplay';
import { describeLocation, type DatasetLimits, type FieldMapping, type ImportIssue, type ParsedDataset, type RawRow } from './importTypes';

/** Control characters a field may not hold: C0 except tab and line breaks, DEL, C1 (NUL, ESC...). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a field value is refused (too long, or holds a control character), or null. */
function fieldProblem(field: string, value: string, limit: number): string | null {
  if (value.length > limit) return `field "${field}" is ${value.length} characters long; the limit is ${limit}`;
  const at = value.search(CONTROL);
  if (at >= 0) return `field "${field}" holds a control character (${escapeForDisplay(value[at]!)} at character ${at + 1}); remove it`;
  return null;
}

/** A text cell: strings are trimmed; numbers (JSON) are accepted and written as text. */
const textCell = z
  .union([z.string(), z.number().finite()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'is empty'));

function fieldSchema(mapping: FieldMapping) {
  const shape: Record<string, typeof textCell> = {
    [mapping.questionField]: textCell,
    [mapping.answerField]: textCell,
  };
  if (mapping.idField) shape[mapping.idField] = textCell;
  return z.object(shape);
}

/** Same question for duplicate detection: whitespace collapsed, case folded. */
function normalizeQuestion(question: string): string {
  return question.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Validates rows against the field mapping and builds items. All-or-nothing: any error means no
 * items. Duplicate ids are errors; duplicate questions are warnings naming both rows. Question,
 * answer and id are bounded in length (`limits`) and may not hold control characters (NUL, ESC...;
 * tabs and line breaks are text).
 */
export function mapRows(rows: readonly RawRow[], mapping: FieldMapping, limits: Pick<DatasetLimits, 'maxQuestionChars' | 'maxAnswerChars' | 'maxIdChars'>): ParsedDataset {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const items: DatasetItem[] = [];
  const schema = fieldSchema(mapping);
  const firstById = new Map<string, RawRow>();
  const firstByQuestion = new Map<string, RawRow>();

  if (rows.length === 0) errors.push({ message: 'the file holds no rows' });

  rows.forEach((row, ordinal) => {
    const { location } = row;
    if (typeof row.record !== 'object' || row.record === null || Array.isArray(row.record)) {
      errors.push({ location, message: 'expected an object with named fields' });
      return;
    }
    const parsed = schema.safeParse(row.record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const missing = !(field in (row.record as object));
        errors.push({ location, message: missing ? `missing field "${field}"` : `field "${field}" ${issue.message}` });
      }
      return;
    }
    const checked: Array<[string, number]> = [
      [mapping.questionField, limits.maxQuestionChars],
      [mapping.answerField, limits.maxAnswerChars],
      ...(mapping.idField ? ([[mapping.idField, limits.maxIdChars]] as Array<[string, number]>) : []),
    ];
    const problems = checked.map(([field, limit]) => fieldProblem(field, parsed.data[field]!, limit)).filter((p): p is string => p !== null);
    if (problems.length > 0) {
      for (const message of problems) errors.push({ location, message });
      return;
    }
    const question = parsed.data[mapping.questionField]!;
    const rawAnswer = parsed.data[mapping.answerField]!;
    let answer = rawAnswer;
    let solution: string | undefined;
    if (mapping.gold === 'gsm8k') {
      const gold = gsm8kGold(rawAnswer);
      if (gold === null) {
        errors.push({ location, message: `field "${mapping.answerField}" has no "#### <number>" (needed by --gold gsm8k)` });
        return;
      }
      answer = gold;
      solution = rawAnswer;
    }
    const id = mapping.idField ? parsed.data[mapping.idField]! : `item-${ordinal}`;

    const sameId = firstById.get(id);
    if (sameId) {
      errors.push({ location, message: `duplicate id "${id}" (first at ${describeLocation(sameId.location)})` });
      return;
    }
    firstById.set(id, row);
    const key = normalizeQuestion(question);
    const sameQuestion = firstByQuestion.get(key);
    if (sameQuestion) {
      warnings.push({ location, message: `duplicate question (same as ${describeLocation(sameQuestion.location)})` });
    } else {
      firstByQuestion.set(key, row);
    }
    items.push(solution === undefined ? { id, question, answer } : { id, question, answer, solution });
  });

  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, items, warnings };
}
