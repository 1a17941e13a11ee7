import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One GSM8K record as in the official jsonl files. */
export interface Gsm8kRecord {
  question: string;
  answer: string;
}

/** A known question with what the simulator needs to answer it. */
export interface KnownItem {
  question: string;
  gold: number;
  /** Solution lines with the <<calc>> annotations removed, without the "#### N" line. */
  steps: string[];
  /** Results of the <<a*b=c>> annotations: the intermediate values of the worked solution. */
  intermediates: number[];
}

/** Case- and whitespace-insensitive identity of a question. */
export function normalizeQuestion(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function parseNumber(text: string): number {
  return Number(text.replace(/[,$\s]/g, ''));
}

/** Parses one record; returns undefined when it has no "#### N" gold line. */
export function toKnownItem(record: Gsm8kRecord): KnownItem | undefined {
  const match = /####\s*([-\d.,$]+)\s*$/.exec(record.answer.trim());
  if (!match) return undefined;
  const gold = parseNumber(match[1]!);
  if (!Number.isFinite(gold)) return undefined;
  const body = record.answer.slice(0, record.answer.lastIndexOf('####'));
  const intermediates = [...body.matchAll(/<<[^=<>]*=([-\d.]+)>>/g)].map((m) => Number(m[1])).filter(Number.isFinite);
  const steps = body.replace(/<<[^>]*>>/g, '').split('\n').map((line) => line.trim()).filter(Boolean);
  return { question: record.question, gold, steps, intermediates };
}

/**
 * Finds known GSM8K questions inside request text. The engine puts the question inside
 * <QUESTION> tags; without them, each line (minus a "Question:" style label) and the whole text are
 * tried, so a plain "Question: …" prompt is recognised too.
 */
export class Gsm8kIndex {
  private readonly byQuestion = new Map<string, KnownItem>();

  constructor(records: Iterable<Gsm8kRecord>) {
    for (const record of records) {
      const item = toKnownItem(record);
      if (item) this.byQuestion.set(normalizeQuestion(item.question), item);
    }
  }

  get size(): number {
    return this.byQuestion.size;
  }

  lookup(question: string): KnownItem | undefined {
    return this.byQuestion.get(normalizeQuestion(question));
  }

  /** Every known question found in `text`, in order of appearance, without duplicates. */
  findAll(text: string): KnownItem[] {
    const found: KnownItem[] = [];
    const add = (item: KnownItem | undefined) => {
      if (item && !found.includes(item)) found.push(item);
    };
    for (const match of text.matchAll(/<QUESTION>([\s\S]*?)<\/QUESTION>/g)) add(this.lookup(match[1]!));
    for (const line of text.split('\n')) {
      add(this.lookup(line.replace(/^\s*(?:[-*>]\s*)?(?:\d+[.)]\s*)?(?:question|problem|q)\s*\d*\s*[:.)-]\s*/i, '')));
    }
    if (found.length === 0) add(this.lookup(text));
    return found;
  }
}

/** Reads GSM8K train + test jsonl from `dir` (missing files are skipped). */
export function loadGsm8kRecords(dir: string): Gsm8kRecord[] {
  const records: Gsm8kRecord[] = [];
  for (const file of ['train.jsonl', 'test.jsonl']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim()) records.push(JSON.parse(line) as Gsm8kRecord);
    }
  }
  return records;
}
