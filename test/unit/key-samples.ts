/** Key generators shared by the ordered-map tests (key-map.test.ts, native-index.test.ts). */

/** A small deterministic generator, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Keys over a tiny alphabet with 0 and 255 in it, 0–9 bytes long: many share their first six bytes
 * (so the string comparison behind the prefixes runs), and many are prefixes of others.
 */
export function smallKey(r: () => number): string {
  const alphabet = [0, 1, 2, 97, 255];
  const len = Math.floor(r() * 10);
  let k = '';
  for (let i = 0; i < len; i++) k += String.fromCharCode(alphabet[Math.floor(r() * alphabet.length)] as number);
  return k;
}

/** Keys shaped like table keys: 4 random hash bytes, then text. */
export function tableKey(r: () => number): string {
  let k = '';
  for (let i = 0; i < 4; i++) k += String.fromCharCode(Math.floor(r() * 256));
  return `${k}\u0001item-${Math.floor(r() * 1e9)}\u0000`;
}
