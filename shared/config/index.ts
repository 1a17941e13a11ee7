export * from './runConfig';
export * from './runConfigError';
export * from './resolveRunConfig';
export * from './presetDefaults';
export * from './thinkingSwitches';
