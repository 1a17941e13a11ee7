export * from './runEventTypes';
export * from './runEventSchemas';
export * from './callRecord';
export * from './isRunEvent';
