import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ID_LENGTH = 52;
const COUNTER_DIGITS = 12;
/** Below 2^53 (exact in a double); 11 base-36 digits. */
const MAX_COUNTER = 2 ** 52;

/**
 * Generates DynamoDB-style request ids: 52 characters of [A-Z0-9]. Each generator (one per server,
 * no module state) draws a random 40-character prefix and appends a 12-digit base-36 counter, so
 * ids are unique per server and unpredictable across servers while a request costs no random
 * draw. (After 2^52 requests the prefix is drawn anew.)
 */
export class RequestIdGenerator {
  private prefix = '';
  private counter = 0;

  constructor() {
    this.reseed();
  }

  next(): string {
    const n = this.counter++;
    if (n >= MAX_COUNTER) {
      this.reseed();
      return this.next();
    }
    return this.prefix + n.toString(36).toUpperCase().padStart(COUNTER_DIGITS, '0');
  }

  private reseed(): void {
    const bytes = randomBytes(ID_LENGTH - COUNTER_DIGITS);
    let prefix = '';
    for (const b of bytes) prefix += ALPHABET[b % 36];
    this.prefix = prefix;
    this.counter = 0;
  }
}

export function uuid(): string {
  return randomUUID();
}
