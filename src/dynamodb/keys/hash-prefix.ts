/**
 * MurmurHash3 (x86, 32-bit) of a byte string. Used for the 4-byte partition-key prefix of every
 * key, which spreads partitions uniformly over the key space: scans come back in hash order (as
 * in DynamoDB, never insertion order) and parallel-scan segments are ranges of the prefix.
 * Chosen over md5 (node:crypto) because it is ~10× cheaper for short keys and this is on the hot
 * path of every write and read. The value is persisted in keys: never change the function or seed.
 */
export function murmur3(data: Uint8Array, seed: number): number {
  const len = data.length;
  const blocks = len & ~3;
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      (data[i] as number) |
      ((data[i + 1] as number) << 8) |
      ((data[i + 2] as number) << 16) |
      ((data[i + 3] as number) << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (len & 3) {
    case 3:
      k ^= (data[blocks + 2] as number) << 16;
      k ^= (data[blocks + 1] as number) << 8;
      k ^= data[blocks] as number;
      break;
    case 2:
      k ^= (data[blocks + 1] as number) << 8;
      k ^= data[blocks] as number;
      break;
    case 1:
      k ^= data[blocks] as number;
      break;
  }
  if ((len & 3) !== 0) {
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
