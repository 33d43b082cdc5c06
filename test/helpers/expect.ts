import assert from 'node:assert/strict';

/** Asserts that an SDK call fails with the given error name (and exact message, when given). */
export async function expectError(p: Promise<unknown>, name: string, message?: string): Promise<void> {
  await assert.rejects(p, (e: Error & { name: string }) => {
    assert.equal(e.name, name);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}
