import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs, UsageError } from '../src/cli/args.js';

describe('eddy CLI arguments', () => {
  it('defaults', () => {
    assert.deepEqual(parseArgs([]), {
      command: 'serve', port: 8000, host: '127.0.0.1', dataDir: '.eddy', inMemory: false, sharedDb: false, logLevel: 'info',
    });
    assert.equal(parseArgs(['serve']).command, 'serve');
  });

  it('options, with spaces or =', () => {
    const a = parseArgs(['serve', '--port', '0', '--host=0.0.0.0', '--data', '/tmp/x', '--in-memory', '--shared-db', '--log-level', 'debug']);
    assert.deepEqual(a, { command: 'serve', port: 0, host: '0.0.0.0', dataDir: '/tmp/x', inMemory: true, sharedDb: true, logLevel: 'debug' });
    assert.equal(parseArgs(['--help']).command, 'help');
    assert.equal(parseArgs(['--engine', 'sqlite']).fileEngine, 'sqlite');
    assert.equal(parseArgs(['--engine=log']).fileEngine, 'log');
  });

  it('rejects bad input', () => {
    assert.throws(() => parseArgs(['--port', 'x']), UsageError);
    assert.throws(() => parseArgs(['--port']), UsageError);
    assert.throws(() => parseArgs(['--log-level', 'loud']), UsageError);
    assert.throws(() => parseArgs(['--nope']), UsageError);
    assert.throws(() => parseArgs(['--engine', 'leveldb']), /invalid --engine: leveldb/);
  });
});
