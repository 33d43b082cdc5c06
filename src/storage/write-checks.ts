import type { Write } from './engine.js';

/** Rejects malformed writes before any of the plan's writes are made (so the plan fails alone). */
export function checkWrites(writes: Write[]): void {
  if (!Array.isArray(writes)) throw new TypeError('apply must return { writes: Write[] }');
  for (const w of writes) {
    let ok: boolean;
    switch (w.kind) {
      case 'put':
        ok = typeof w.space === 'string' && w.key instanceof Uint8Array && typeof w.value === 'string' && (w.bytes === undefined || plausibleUtf8Length(w.value, w.bytes));
        break;
      case 'delete':
        ok = typeof w.space === 'string' && w.key instanceof Uint8Array;
        break;
      case 'append':
        ok = typeof w.log === 'string' && typeof w.value === 'string';
        break;
      case 'catalog-put':
        ok = typeof w.key === 'string' && typeof w.value === 'string';
        break;
      case 'catalog-delete':
        ok = typeof w.key === 'string';
        break;
      default:
        ok = false;
    }
    if (!ok) throw new TypeError(`malformed ${String((w as { kind?: unknown }).kind)} write`);
  }
}

/**
 * A UTF-8 length `value` can have: from one byte per UTF-16 unit (ASCII) to three (a lone surrogate
 * or a character of the BMP past U+07FF). Catches a length for some other string; an engine trusts
 * the exact number (it writes that many bytes).
 */
function plausibleUtf8Length(value: string, bytes: unknown): boolean {
  return typeof bytes === 'number' && Number.isInteger(bytes) && bytes >= value.length && bytes <= 3 * value.length;
}
