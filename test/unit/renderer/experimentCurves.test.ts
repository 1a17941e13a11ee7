import { describe, expect, it } from 'vitest';
import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import type { EvaluationPoint } from '../../../shared/api/timelineViews';
import { describeBase } from '../../../renderer/views/experiments/describeBase';
import { experimentCurves, METHOD_COLORS } from '../../../renderer/views/experiments/experimentCurves';

function cell(index: number, method: ExperimentCellView['method'], seed: number, runId: string | null): ExperimentCellView {
  return { index, method, seed, runId, status: runId ? 'completed' : 'not started', done: 0, total: 0, seedVal: null, seedTest: null, val: null, test: null, calls: 0, tokens: 0, wallSeconds: 0, simulated: true };
}

function evaluation(label: string, epoch: number, split: 'val' | 'test', accuracy: number, withNotebook = false): EvaluationPoint {
  return { position: epoch * 10 + (split === 'test' ? 1 : 0), label, epoch, step: 0, split, accuracy, correct: 0, total: 10, withNotebook, promptVersion: 0 };
}

describe('experimentCurves: every cell run\'s val and test per epoch, overlaid', () => {
  it('one row per epoch with a column per run and split; lines coloured by method', () => {
    const cells = [cell(0, 'textgrad', 0, 'a'), cell(1, 'remo', 0, 'b'), cell(2, 'remo', 1, null)];
    const { rows, lines } = experimentCurves(cells, {
      a: [evaluation('seed-val', 0, 'val', 0.5), evaluation('seed-test', 0, 'test', 0.4), evaluation('epoch-val', 1, 'val', 0.625), evaluation('test', 1, 'test', 0.6)],
      // A notebook method: val with the notebook is its curve; the prompt-only score is not drawn.
      b: [evaluation('seed-val', 0, 'val', 0.5), evaluation('epoch-val', 1, 'val', 0.75, true), evaluation('val-prompt-only', 1, 'val', 0.7)],
    });
    expect(rows).toEqual([
      { epoch: 0, 'a:val': 50, 'a:test': 40, 'b:val': 50 },
      { epoch: 1, 'a:val': 62.5, 'a:test': 60, 'b:val': 75 },
    ]);
    expect(lines.map((line) => [line.key, line.name, line.color])).toEqual([
      ['a:val', 'textgrad · seed 0 val', METHOD_COLORS.textgrad],
      ['a:test', 'textgrad · seed 0 test', METHOD_COLORS.textgrad],
      ['b:val', 'remo · seed 0 val', METHOD_COLORS.remo],
    ]);
  });

  it('cells without a run or without evaluations draw nothing', () => {
    expect(experimentCurves([cell(0, 'remo', 0, null), cell(1, 'remo', 1, 'x')], { x: [] })).toEqual({ rows: [], lines: [] });
  });
});

describe('describeBase', () => {
  it('says the data, sizes, schedule and model server in a few words', () => {
    expect(describeBase({ split: { train: 6, val: 8, test: 10 }, epochs: 1, stepsPerEpoch: 2, endpoints: [{ kind: 'simulator', model: 'remo-simulator' }] }))
      .toEqual(['data gsm8k', 'train 6 · val 8 · test 10', '1 epoch', '2 steps per epoch', 'the built-in simulator']);
    expect(describeBase({ dataset: { name: 'mine' }, preset: 'paper-100', epochs: 3, endpoints: [{ kind: 'vllm', model: 'Qwen/Qwen3-32B' }] }))
      .toEqual(['data mine', 'preset paper-100', '3 epochs', 'vllm Qwen/Qwen3-32B']);
    expect(describeBase({})).toEqual(['data gsm8k', 'the default model server']);
  });
});
