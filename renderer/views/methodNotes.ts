import type { Method } from '../../shared/api/runViews';
import type { PresetName } from '../../shared/config/runConfig';

/** One line per method: what differs from the TextGrad baseline. */
export const METHOD_NOTES: Record<Method, string> = {
  textgrad: 'TextGrad baseline: textual-gradient updates of P with a fixed optimizer prompt Q, no memory.',
  'remo-rag': 'Adds the mistake notebook: failures are stored and the nearest lessons are shown to the solver.',
  'remo-optimizer': 'Adds the meta-controller: Q is rewritten from a reflection at the end of each epoch.',
  remo: 'Full REMO: the mistake notebook and the meta-controller together.',
};

/** One line per evaluation preset (the method spec, section 5). */
export const PRESET_NOTES: Record<PresetName, string> = {
  'textgrad-dspy': "TextGrad's GSM8K recipe: 200 train, 300 val, all 1,319 test; batch 3, 3 epochs × 4 steps, validation gate on.",
  'paper-100': "The paper's 100-sample rows: 1,000 train, 100 val, 100 test; batch 3, 3 epochs, no gate.",
  'paper-full': "The paper's full rows (our reading): 6,973 train, 500 val, 1,319 test; batch 3, no gate.",
};
