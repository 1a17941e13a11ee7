import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_NAMES, type PromptTemplates, type TemplateName } from '../../../shared/prompts/renderTemplate';

interface Manifest { templates: Record<string, { current: string }> }

/** Finds resources/prompts: the explicit dir, else next to the sources, else under the cwd. */
export function findPromptsDir(explicit?: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [explicit, resolve(here, '../../../resources/prompts'), resolve(process.cwd(), 'resources/prompts')];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'manifest.json'))) return dir;
  throw new Error(`prompt templates not found (looked in: ${candidates.filter(Boolean).join(', ')})`);
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** The version new runs use for each template (the manifest's `current`). */
export function currentTemplateVersions(dir: string): Record<TemplateName, string> {
  const manifest = readManifest(dir);
  return Object.fromEntries(TEMPLATE_NAMES.map((name) => {
    const entry = manifest.templates[name];
    if (!entry) throw new Error(`prompt manifest has no template "${name}"`);
    return [name, entry.current];
  })) as Record<TemplateName, string>;
}

const cache = new Map<string, string>();

/** Templates that runs recorded before them do not pin (see loadTemplates). */
const ADDED_LATER: ReadonlySet<string> = new Set(['condense-system', 'condense-user']);

/** The texts of the given template versions. Trailing whitespace is dropped: files end with a newline. */
export function loadTemplates(dir: string, versions: Record<string, string>): PromptTemplates {
  const out = {} as PromptTemplates;
  for (const name of TEMPLATE_NAMES) {
    // A template added after the run started was never pinned by it: its first version is the
    // one that existed when the run's engine first needed it.
    const version = versions[name] ?? (ADDED_LATER.has(name) ? 'v1' : undefined);
    if (!version) throw new Error(`no version chosen for prompt template "${name}"`);
    const file = join(dir, name, `${version}.txt`);
    let text = cache.get(file);
    if (text === undefined) {
      if (!existsSync(file)) throw new Error(`prompt template ${name} ${version} not found at ${file}`);
      text = readFileSync(file, 'utf8').replace(/\s+$/, '');
      cache.set(file, text);
    }
    out[name] = text;
  }
  return out;
}
