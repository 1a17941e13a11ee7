// js-yaml comes with electron-builder (no @types package installed); only `load` is used, by
// electronBuilderConfig.test.ts.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
