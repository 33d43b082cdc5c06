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
  if (distance === 'DOT_PRODUCT') return Math.fround(saturate(dot));
  if (distance === 'EUCLIDEAN') return Math.fround(saturate(Math.sqrt(sq)));
  // A zero vector has no direction: Eddy scores it as orthogonal (1); DynamoDB's answer is not recorded.
  if (qq === 0 || vv === 0) return 1;
  return Math.fround(1 - dot / Math.sqrt(qq * vv));
}

/** Largest finite f32. */
const F32_MAX = 3.4028234663852886e38;

/**
 * A score past the f32 range is held at ±F32_MAX, never Infinity (which JSON would carry as null):
 * live DynamoDB, eu-west-2 and us-east-1, 2026-08-13, recorded in nubo-db/dynoxide
 * src/actions/search_vectors.rs.
 */
function saturate(x: number): number {
  return x > F32_MAX ? F32_MAX : x < -F32_MAX ? -F32_MAX : x;
}

/** True when score `a` ranks before `b`. */
export function closer(distance: VectorIndexDef['distance'], a: number, b: number): boolean {
  return distance === 'DOT_PRODUCT' ? a > b : a < b;
}

/**
 * An f32 as the index hands it back: the shortest decimal naming it ('0.1', not
 * '0.10000000149011612'), a whole number with '.0' ("'1' comes back as '1.0'": live DynamoDB,
 * conformance suite vectorSearch/search).
 */
export function f32Text(f: number): string {
  let text = String(f);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) {
      text = String(s);
      break;
    }
  }
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/**
 * VectorSearchRequestBytes of one search. DynamoDB's figure is not deterministic (five identical
 * 512-dimension searches reported 14214, 13903, 14214, 14214 and 14518: conformance suite
 * vectorSearch/consumedCapacity, which asserts its shape only); Eddy reports the query vector's
 * f32 size rounded up to whole KB (1024 for small vectors).
 */
export function vectorSearchRequestBytes(ix: VectorIndexDef): number {
  return Math.max(1, Math.ceil((ix.dimensions * 4) / 1024)) * 1024;
}
