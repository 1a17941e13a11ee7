import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRunConfig } from '../../../electron/core/runs/validateRunConfig';
import { LEXICAL_EMBEDDER } from '../../../shared/config/resolveRunConfig';

const CONFIGS = resolve(import.meta.dirname, '../../../resources/configs');
const read = (file: string) => validateRunConfig(JSON.parse(readFileSync(join(CONFIGS, file), 'utf8')));
const paperRows = readdirSync(CONFIGS).filter((name) => /^paper-.*\.json$/.test(name));

describe('shipped configs retrieve with a real embedding model', () => {
  it.each([...paperRows, 'ollama-remo.json'])('%s binds the embedder to an embedding endpoint and calibrates the threshold on it', (file) => {
    const config = read(file);
    expect(config.roles.embedder.endpoint).not.toBe(LEXICAL_EMBEDDER);
    const endpoint = config.endpoints.find((e) => e.name === config.roles.embedder.endpoint)!;
    expect(endpoint.model).toMatch(/embed/i);
    expect(config.retrievalThreshold).toBe('calibrated');
    // The model's own vector size (1024 for Qwen3-Embedding-0.6B), kept by the notebook.
    expect(config.embeddingDimensions).toBeNull();
  });

  it('the paper-full rows share endpoints and retrieval settings, so they differ in the method only', () => {
    const rows = paperRows.filter((f) => f.startsWith('paper-full-')).map(read);
    expect(rows).toHaveLength(4);
    const common = (c: ReturnType<typeof read>) => ({ endpoints: c.endpoints, roles: c.roles, retrievalThreshold: c.retrievalThreshold, lessonFormat: c.lessonFormat, context: c.context });
    for (const row of rows) expect(common(row)).toEqual(common(rows[0]!));
  });
});
