import { z } from 'zod';
import type { DatasetItem } from '../../../../shared/datasets/datasetItem';
import { gsm8kGold } from '../../../../shared/datasets/gsm8kGold';
import { describeLocation, type FieldMapping, type ImportIssue, type ParsedDataset, type RawRow } from './importTypes';

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
 * items. Duplicate ids are errors; duplicate questions are warnings naming both rows.
 */
export function mapRows(rows: readonly RawRow[], mapping: FieldMapping): ParsedDataset {
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
