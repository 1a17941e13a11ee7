import { resolveRunConfig, type RunConfig } from '../../../shared/config';
import { currentTemplateVersions, findPromptsDir, loadTemplates } from './promptTemplates';

/**
 * Validates unknown JSON into a complete RunConfig (every default filled, template versions
 * pinned). Throws RunConfigError whose message names the offending field(s).
 */
export function parseRunConfig(json: unknown, promptsDir?: string): RunConfig {
  const dir = findPromptsDir(promptsDir);
  const templateVersions = currentTemplateVersions(dir);
  const config = resolveRunConfig(json, { optimizerInstructions: '\u0000', templateVersions });
  if (config.initialOptimizerInstructions === '\u0000') {
    // The default Q is the text of the optimizer-instructions template version the run pins.
    config.initialOptimizerInstructions = loadTemplates(dir, config.templates)['optimizer-instructions'];
  }
  return config;
}
