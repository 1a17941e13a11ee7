/** Names of the prompt templates (folders of resources/prompts). */
export const TEMPLATE_NAMES = [
  'solver-user', 'solver-lessons', 'critic-system', 'critic-failures', 'critic-response', 'critic-prompt',
  'optimizer-instructions', 'optimizer-user', 'optimizer-retry', 'lesson-writer-system', 'lesson-writer-user',
  'reflector-system', 'reflector-user', 'meta-controller-system', 'meta-controller-user',
  'condense-system', 'condense-user',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The texts of one version of every template, as loaded for a run. */
export type PromptTemplates = Record<TemplateName, string>;

/**
 * Fills `{{name}}` placeholders. A placeholder without a value is a programming error (a template
 * and its caller disagree), so it throws instead of sending a half-filled prompt to a model.
 */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt template placeholder {{${name}}} has no value`);
    return String(value);
  });
}
