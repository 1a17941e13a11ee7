import type { AppInfo, VerifyReport } from '../../../shared/api/contract';
import type { Core } from '../composition/createCore';
import { createRunGateway, type KeyResolver } from '../composition/createRunGateway';
import { parseRunConfig } from '../engine/parseRunConfig';
import { verifyEventLog } from '../store/verifyEventLog';
import { exportRunText, importRunLines } from '../exchange';
import { datasetBytes, importDatasetContent, listDatasets, previewDataset } from '../datasets';
import { rebuildAndChecksum } from '../projections/rebuildAndChecksum';
import { verifyProjections } from '../projections/verifyProjections';
import type { ApiCoreDeps } from './createApiHandlers';
import { testEndpoint } from './testEndpoint';

export interface ApiDepsOptions {
  /** The app's version (package.json or app.getVersion()). */
  version: string;
  /** Defaults merged under `runs.start` configs (see ApiCoreDeps.defaultRunConfig). */
  defaultRunConfig?: Record<string, unknown>;
  /** Same resolver the core got (Electron: safeStorage), so connection tests can authenticate. */
  keyResolver?: KeyResolver;
}

/**
 * Adapts the composition root's Core to what the API needs. `simulator` in app.info is true when
 * the default endpoints for new runs are all the built-in simulator (e.g. `remo web --simulator`):
 * the UI then marks the whole session, in addition to each simulated run's own badge.
 */
export function apiDepsFromCore(core: Core, options: ApiDepsOptions): ApiCoreDeps {
  const defaults = options.defaultRunConfig;
  const endpoints = Array.isArray(defaults?.endpoints) ? (defaults.endpoints as Array<{ kind?: unknown }>) : [];
  const simulator = endpoints.length > 0 && endpoints.every((endpoint) => endpoint.kind === 'simulator');
  const info: Omit<AppInfo, 'transport'> = { name: 'REMO Studio', version: options.version, dbPath: core.dbPath, simulator };
  return {
    runs: core.runs,
    timeline: core.timeline,
    info: () => info,
    verifyStore: (): VerifyReport => {
      const result = verifyEventLog(core.store.db);
      if (!result.ok) {
        return { ok: false, eventsChecked: result.eventCount, message: result.reason, ...(result.position === undefined ? {} : { firstBadPosition: result.position }) };
      }
      const scratch = core.openScratchDatabase();
      let projections: ReturnType<typeof verifyProjections>;
      try {
        projections = verifyProjections(core.store.db, core.store, core.store.projections, scratch);
      } finally {
        scratch.close();
      }
      if (projections.ok) return { ok: true, eventsChecked: result.eventCount, projections };
      return {
        ok: false,
        eventsChecked: result.eventCount,
        projections,
        message: `projection tables differ from a rebuild of the log: ${projections.differing.join(', ')} (the log is intact; \`remo rebuild\` rewrites them from it)`,
      };
    },
    // Probes an endpoint of the config new runs would get (the defaults of this process, else the
    // engine's own default endpoint), through the same gateway code the runs use.
    testConnection: async (endpoint) => {
      // A preset only to satisfy the schema: a connection test reads endpoints, not data.
      const config = parseRunConfig({ method: 'remo', preset: 'paper-100', ...(defaults ?? {}) });
      const gateway = createRunGateway(config, options.keyResolver ?? (() => undefined), core.store.db);
      return gateway.testConnection(endpoint);
    },
    testEndpoint: (endpoint) => testEndpoint(endpoint, { parse: (json) => parseRunConfig(json), keyResolver: options.keyResolver ?? (() => undefined), db: core.store.db }),
    compare: (runIds) => core.compare(runIds),
    experiments: core.experiments,
    rebuildStore: () => rebuildAndChecksum(core.store.db, core.store, core.store.projections),
    // Export files are stamped with the wall clock, as `remo export` always did.
    exportRun: (runId) => exportRunText(core.store, runId, () => new Date()),
    importRun: (content) => importRunLines(core.importDeps, content),
    datasets: {
      list: () => listDatasets(core.store.db),
      preview: ({ content, encoding, fileName, format, mapping, rows }) =>
        previewDataset(core.store.db, {
          bytes: datasetBytes(content, encoding),
          ...(fileName !== undefined ? { fileName } : {}),
          ...(format !== undefined ? { format } : {}),
          ...(mapping !== undefined ? { mapping } : {}),
          ...(rows !== undefined ? { rows } : {}),
        }),
      import: ({ content, encoding, name, format, mapping }) =>
        importDatasetContent(core.store.db, { bytes: datasetBytes(content, encoding), name, format, mapping }, () => new Date()),
    },
    ...(defaults ? { defaultRunConfig: () => structuredClone(defaults) } : {}),
  };
}
