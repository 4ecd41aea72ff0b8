// The part of js-yaml 3 (gray-matter's YAML engine) that flat-yaml.ts uses; the package ships no types.
declare module 'js-yaml' {
  /** A YAML type a plain scalar may resolve to (null, bool, int, float, timestamp, merge). */
  export interface ImplicitType {
    tag: string;
    resolve(data: string): boolean;
    construct(data: string): unknown;
  }
  export interface Schema {
    /** The implicit types in the order the loader tries them on a plain scalar. */
    compiledImplicit: ImplicitType[];
  }
  export const DEFAULT_SAFE_SCHEMA: Schema;
  export function safeLoad(yaml: string): unknown;
  const jsYaml: { DEFAULT_SAFE_SCHEMA: Schema; safeLoad(yaml: string): unknown };
  export default jsYaml;
}
