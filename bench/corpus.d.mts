/** Types for corpus.mjs, which the tests share with the benchmark. */
export declare const SOURCE_PACKAGES: readonly string[];
export interface CorpusOptions {
  perPackage?: number;
  maxBytes?: number;
  includeDeclarations?: boolean;
  includeFixtures?: boolean;
}
export declare function listCorpusSources(root: string, options?: CorpusOptions): string[];
export declare function materializeCorpus(root: string, dir: string, count: number, sources?: readonly string[]): string[];
export declare function listRelevantSources(root: string): string[];
export declare function readSources(files: readonly string[]): Array<{ file: string; code: string }>;
