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

/** Words (letters and digits) of a text, lower-cased: what question matching compares. */
function tokensOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** How many leading words key the scan; every GSM8K question is longer. */
const KEY_WORDS = 6;

/** The first KEY_WORDS words of a question joined by spaces, without tokenizing the rest of it. */
function openingOf(question: string): string | undefined {
  const words: string[] = [];
  const pattern = /[a-z0-9]+/gi;
  for (let match = pattern.exec(question); match && words.length < KEY_WORDS; match = pattern.exec(question)) words.push(match[0].toLowerCase());
  return words.length === KEY_WORDS ? words.join(' ') : undefined;
}

interface Opening { item: KnownItem; tokens?: string[] }

/**
 * Finds known GSM8K questions inside request text, wherever they are: inside <QUESTION> tags, on
 * a "Question: …" line, or in the middle of another tool's prompt. Matching compares words
 * (letters and digits, case ignored), so whitespace, punctuation and surrounding text do not
 * matter. The scan is one map lookup per word of the text: cheap even for a reflector's long
 * request. Its map is built on the first scan and a question's full word list on its first
 * candidate match, so a simulator that only sees tagged solver requests never pays for either.
 */
export class Gsm8kIndex {
  private readonly byQuestion = new Map<string, KnownItem>();
  /** First KEY_WORDS words -> the questions starting with them. */
  private byOpening: Map<string, Opening[]> | undefined;

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
    return this.byQuestion.get(normalizeQuestion(question)) ?? this.findAll(question)[0];
  }

  /** Every known question found in `text`, in order of appearance, without duplicates. */
  findAll(text: string): KnownItem[] {
    const byOpening = this.openings();
    const words = tokensOf(text);
    const found: KnownItem[] = [];
    for (let at = 0; at + KEY_WORDS <= words.length; at += 1) {
      const bucket = byOpening.get(words.slice(at, at + KEY_WORDS).join(' '));
      if (!bucket) continue;
      // The longest question that matches here (one may be a prefix of another).
      let best: { item: KnownItem; length: number } | undefined;
      for (const candidate of bucket) {
        const tokens = (candidate.tokens ??= tokensOf(candidate.item.question));
        if (tokens.length > words.length - at || (best && tokens.length <= best.length)) continue;
        if (tokens.every((token, offset) => words[at + offset] === token)) best = { item: candidate.item, length: tokens.length };
      }
      if (!best) continue;
      if (!found.includes(best.item)) found.push(best.item);
      at += best.length - 1;
    }
    return found;
  }

  private openings(): Map<string, Opening[]> {
    if (this.byOpening) return this.byOpening;
    const byOpening = new Map<string, Opening[]>();
    for (const item of this.byQuestion.values()) {
      const key = openingOf(item.question);
      if (key === undefined) continue;
      const bucket = byOpening.get(key);
      if (bucket) bucket.push({ item });
      else byOpening.set(key, [{ item }]);
    }
    return (this.byOpening = byOpening);
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
