import assert from 'node:assert/strict';
import type { RawResponse } from './eddy.js';

// Shared by test/fuzz-regressions.test.ts and test/fuzz-regressions-jobs-policies.test.ts.

/** A 400 ValidationException with exactly this message (a long body is shown cut). */
export function assertValidation(res: RawResponse, message: string): void {
  const shown = res.body.length > 300 ? `${res.body.slice(0, 300)}…` : res.body;
  assert.equal(res.status, 400, shown);
  assert.equal(res.json.__type, 'com.amazon.coral.validate#ValidationException', shown);
  assert.equal(res.json.message, message, shown);
}
