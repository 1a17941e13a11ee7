export { buildCompareReport, type CompareDeps } from './buildCompareReport';
export { compareRun, epochCurve, pickEvaluations } from './compareRun';
export { comparePair, type TestOutcome } from './comparePair';
export { readTestOutcome } from './readTestOutcome';
