export * from './runState';
export * from './evolveRun';
export * from './foldRun';
export * from './toRunStateView';
export * from './vectorCodec';
export * from './stateSnapshot';
