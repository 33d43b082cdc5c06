import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const POOL_SIZE = 52 * 64;

/**
 * Generates DynamoDB-style request ids: 52 characters of [A-Z0-9]. Random bytes are drawn in
 * pools so a request costs no syscall. One generator per server (no module state).
 */
export class RequestIdGenerator {
  private pool = Buffer.alloc(0);
  private pos = 0;

  next(): string {
    if (this.pos + 52 > this.pool.length) {
      this.pool = randomBytes(POOL_SIZE);
      this.pos = 0;
    }
    let id = '';
    const pool = this.pool;
    const end = this.pos + 52;
    for (let i = this.pos; i < end; i++) id += ALPHABET[(pool[i] ?? 0) % 36];
    this.pos = end;
    return id;
  }
}

export function uuid(): string {
  return randomUUID();
}
