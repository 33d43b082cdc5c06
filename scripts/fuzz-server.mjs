/**
 * The server a fuzzer's command line runs against when given no --endpoint: `node bin/eddy serve
 * --port 0 --in-memory` as a child, whose stdout and stderr are watched for logged errors
 * (scripts/fuzz-requests.mjs, scripts/fuzz-http.mjs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * Starts the server; resolves once it listens. `serverErrors` collects the log lines that report
 * an error; `exited()` is how the child ended, or null while it runs.
 */
export async function startFuzzServer() {
  const child = spawn(process.execPath, [join(root, 'bin/eddy'), 'serve', '--port', '0', '--in-memory', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const endpoint = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      const m = /listening on (http:\/\/[^\s]+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`server exited: ${buf}`)));
  });
  const serverErrors = [];
  let errBuf = '';
  const onErr = (c) => {
    errBuf += c;
    let nl;
    while ((nl = errBuf.indexOf('\n')) >= 0) {
      const line = errBuf.slice(0, nl);
      errBuf = errBuf.slice(nl + 1);
      if (/"level":"(error|fatal)"|Error|error/.test(line)) serverErrors.push(line.slice(0, 2000));
    }
  };
  child.stderr.on('data', onErr);
  child.stdout.on('data', onErr);
  return { child, endpoint, serverErrors, exited: () => exited };
}
