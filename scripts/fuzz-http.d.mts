/** Types for scripts/fuzz-http.mjs (imported by test/fuzz-http.test.ts). */
export interface HttpFuzzFinding {
  index: number;
  kind: string;
  problems: string[];
  request?: string;
  replies?: { eddy: number[]; node: number[] };
}

export interface HttpFuzzOptions {
  endpoint: string;
  seed?: number;
  count?: number;
  concurrency?: number;
  timeMs?: number;
  /** The server's resident memory in bytes; enables the never-reading-client check. */
  rss?: () => number;
  only?: number;
  log?: (f: HttpFuzzFinding) => void;
}

export interface HttpFuzzResult {
  cases: number;
  findings: HttpFuzzFinding[];
  byKind: Record<string, number>;
  aliveFailures: number;
  seconds: number;
}

export function fuzzHttp(options: HttpFuzzOptions): Promise<HttpFuzzResult>;
