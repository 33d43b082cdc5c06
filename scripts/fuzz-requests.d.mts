/** Types for scripts/fuzz-requests.mjs (imported by test/fuzz-requests.test.ts). */
export interface FuzzFinding {
  index: number;
  op: string;
  target?: string;
  problems: string[];
  status?: number;
  ms?: number;
  reply?: string;
  request?: string;
  headers?: Record<string, string>;
}

export interface FuzzOptions {
  endpoint: string;
  seed?: number;
  count?: number;
  batch?: number;
  pauseMs?: number;
  slowMs?: number;
  only?: string[];
  mutateRate?: number;
  log?: (f: FuzzFinding) => void;
  onBatch?: (sent: number) => void | Promise<void>;
  onReply?: (request: { op: string; target: string | null; body: unknown }, reply: { status: number; body: string; ms: number }) => void;
}

export interface FuzzResult {
  sent: number;
  findings: FuzzFinding[];
  statuses: Record<string, number>;
  byOp: Record<string, number>;
  aliveFailures: number;
}

export function fuzz(options: FuzzOptions): Promise<FuzzResult>;
export function operations(): string[];
export const TABLES: Record<'hash' | 'range' | 'indexed' | 'stream', string>;
