// A minimal DynamoDB JSON client over node:http with keep-alive, used for setup, preloading,
// reply checks, scans and cold-start probes. Every request carries the same SigV4-shaped headers
// the load generator sends.
import http from 'node:http';

export const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/dynamodb/aws4_request, ' +
  'SignedHeaders=host;x-amz-date;x-amz-target, ' +
  'Signature=' + 'a1b2c3d4e5f60718'.repeat(4);

export function dynamoHeaders(op) {
  return {
    'Content-Type': 'application/x-amz-json-1.0',
    'X-Amz-Target': `DynamoDB_20120810.${op}`,
    'X-Amz-Date': '20240101T000000Z',
    Authorization: AUTHORIZATION,
  };
}

export class DynamoHttp {
  constructor(endpoint, { maxSockets = 32 } = {}) {
    const url = new URL(endpoint);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Sends one request; resolves { status, body (parsed or raw text), raw }. Never rejects on 4xx/5xx. */
  send(op, input, { agent = this.agent, timeoutMs = 30_000 } = {}) {
    const payload = typeof input === 'string' ? input : JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...dynamoHeaders(op), 'Content-Length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let body = raw;
            try { body = JSON.parse(raw); } catch { /* keep the text */ }
            resolve({ status: res.statusCode, body, raw });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${op} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like send, but throws unless the reply is a 200. */
  async call(op, input) {
    const res = await this.send(op, input);
    if (res.status !== 200) {
      throw new Error(`${op} failed: HTTP ${res.status} ${res.raw.slice(0, 300)}`);
    }
    return res.body;
  }

  close() {
    this.agent.destroy();
  }
}

/** Runs `worker(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool(count, concurrency, worker) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      await worker(i);
    }
  });
  await Promise.all(runners);
}
