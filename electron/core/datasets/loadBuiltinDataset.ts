import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, DatasetItem } from '../../../shared/datasets/datasetItem';
import { datasetContentHash } from '../../../shared/datasets/datasetContentHash';
import { gsm8kGold } from '../../../shared/datasets/gsm8kGold';

export const builtinDatasetNames = ['gsm8k'] as const;
export type BuiltinDatasetName = (typeof builtinDatasetNames)[number];

/**
 * The folder holding built-in datasets: walks up from this file until `resources/datasets`
 * exists, so it works from source (tsx, vitest) and from a bundle in dist/. A packaged app passes
 * its resources path explicitly instead.
 */
export function findBuiltinDatasetsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'datasets');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`resources/datasets not found above ${from}`);
  }
}

/** Reads one official GSM8K file into items with stable ids `gsm8k-<part>-<0-based line index>`. */
function readGsm8kPart(file: string, part: 'train' | 'test'): DatasetItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: DatasetItem[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = JSON.parse(line) as { question: string; answer: string };
    const gold = gsm8kGold(record.answer);
    // The shipped files are the official ones: a missing #### means a corrupted copy, not bad user data.
    if (gold === null) throw new Error(`${file} line ${index + 1}: no "#### <number>" in the answer`);
    items.push({ id: `gsm8k-${part}-${index}`, question: record.question, answer: gold, solution: record.answer });
  });
  return items;
}

const cache = new Map<string, Dataset>();

/**
 * Loads a built-in dataset (GSM8K: 7473 train, 1319 test, the official files shipped under
 * resources/datasets/gsm8k). Items: gold = the number after `####`, commas removed; `solution` =
 * the full official answer text. Cached per folder: the files never change while the app runs.
 * The hash covers train then test items, so it identifies exactly this copy of the data.
 */
export function loadBuiltinDataset(name: BuiltinDatasetName, options: { datasetsDir?: string } = {}): Dataset {
  if (!builtinDatasetNames.includes(name)) throw new Error(`unknown built-in dataset "${name}"`);
  const dir = join(options.datasetsDir ?? findBuiltinDatasetsDir(), name);
  const cached = cache.get(dir);
  if (cached) return cached;
  const train = readGsm8kPart(join(dir, 'train.jsonl'), 'train');
  const test = readGsm8kPart(join(dir, 'test.jsonl'), 'test');
  const dataset: Dataset = { name, hash: datasetContentHash([...train, ...test]), source: 'builtin', train, test };
  cache.set(dir, dataset);
  return dataset;
}
