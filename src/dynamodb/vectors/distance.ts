import type { VectorIndexDef } from '../tables/table-types.js';

/**
 * The score of a stored vector against the query, rounded through f32 like the index's own:
 * COSINE is the cosine distance (0 identical, 2 opposite), EUCLIDEAN the straight-line distance
 * (lower is closer for both), DOT_PRODUCT the dot product (higher is closer). Analytic values
 * recorded on live DynamoDB (conformance suite vectorSearch/search).
 */
export function vectorScore(distance: VectorIndexDef['distance'], query: number[], v: number[]): number {
  let dot = 0;
  let qq = 0;
  let vv = 0;
  let sq = 0;
  for (let i = 0; i < query.length; i++) {
    const a = query[i] ?? 0;
    const b = v[i] ?? 0;
    dot += a * b;
    qq += a * a;
    vv += b * b;
    sq += (a - b) * (a - b);
  }
  if (distance === 'DOT_PRODUCT') return Math.fround(dot);
  if (distance === 'EUCLIDEAN') return Math.fround(Math.sqrt(sq));
  // A zero vector has no direction: Eddy scores it as orthogonal (1); DynamoDB's answer is not recorded.
  if (qq === 0 || vv === 0) return 1;
  return Math.fround(1 - dot / Math.sqrt(qq * vv));
}

/** True when score `a` ranks before `b`. */
export function closer(distance: VectorIndexDef['distance'], a: number, b: number): boolean {
  return distance === 'DOT_PRODUCT' ? a > b : a < b;
}

/** The shortest decimal naming an f32 ('0.1', not '0.10000000149011612'). */
export function f32Text(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

/**
 * Bytes metered for one vector read or write of an index. DynamoDB's formula is not documented;
 * 1024 per index was observed for a 3-dimension vector (conformance suite
 * vectorSearch/consumedCapacity), so Eddy charges the vector's f32 size rounded up to whole KB.
 */
export function vectorRequestBytes(ix: VectorIndexDef): number {
  return Math.max(1, Math.ceil((ix.dimensions * 4) / 1024)) * 1024;
}
