import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

const run = promisify(execFile);
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

// The AWS CLI (Debian's awscli v2.9) against a real server: create, wait, put, get, delete.
describe('AWS CLI smoke test', { skip: hasAws ? false : 'aws CLI not installed (npm test installs it when run as root)' }, () => {
  let t: TestEddy;
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDCLI',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const aws = async (...args: string[]): Promise<unknown> => {
    const { stdout } = await run('aws', ['dynamodb', ...args, '--endpoint-url', t.endpoint, '--output', 'json'], { env });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };
  before(async () => {
    t = await startTestEddy();
  });
  after(() => t.stop());

  it('create-table, wait table-exists, put, get, delete', async () => {
    const table = uniqueName('cli');
    await aws('create-table', '--table-name', table,
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S',
      '--key-schema', 'AttributeName=pk,KeyType=HASH',
      '--billing-mode', 'PAY_PER_REQUEST');
    await aws('wait', 'table-exists', '--table-name', table);
    await aws('put-item', '--table-name', table, '--item', '{"pk":{"S":"a"},"v":{"N":"1"}}');
    const got = (await aws('get-item', '--table-name', table, '--key', '{"pk":{"S":"a"}}')) as { Item: unknown };
    assert.deepEqual(got.Item, { pk: { S: 'a' }, v: { N: '1' } });
    await aws('delete-item', '--table-name', table, '--key', '{"pk":{"S":"a"}}');
    const gone = (await aws('get-item', '--table-name', table, '--key', '{"pk":{"S":"a"}}')) as { Item?: unknown } | undefined;
    assert.equal(gone?.Item, undefined);
  });
});
