import assert from 'node:assert/strict';

/** Asserts that an SDK call fails with the given error name (and exact message, when given). */
export async function expectError(p: Promise<unknown>, name: string, message?: string): Promise<void> {
  await assert.rejects(p, (e: Error & { name: string }) => {
    assert.equal(e.name, name);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

/** The error an SDK call fails with (its extra members, e.g. CancellationReasons, included); throws if the call succeeds. */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

/** The name and message an SDK call fails with (for deepEqual); throws if the call succeeds. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  const err = await rejectionOf(p);
  return { name: err.name, message: err.message };
}
