// Load from autocannon in its own process (fallback when wrk is missing).
// argv[2]: JSON { endpoint, workload, ctx, connections, seconds }. Prints one JSON result line.
import autocannon from 'autocannon';
import { WORKLOADS } from './workloads.mjs';
import { dynamoHeaders } from './dynamo-http.mjs';

const { endpoint, workload: name, ctx, connections, seconds, check } = JSON.parse(process.argv[2]);
const workload = WORKLOADS.find((w) => w.name === name);
let okSample;
let badSample;

const instance = autocannon({
  url: endpoint,
  connections,
  duration: seconds,
  timeout: 5,
  headers: dynamoHeaders(workload.op),
  requests: [
    {
      method: 'POST',
      path: '/',
      setupRequest: (req) => ({ ...req, body: JSON.stringify(workload.body(ctx)) }),
      onResponse: check
        ? (status, body) => {
            if (status === 200) okSample ??= body;
            else badSample ??= `${status} ${body}`;
          }
        : undefined,
    },
  ],
});
instance.on('done', (r) => {
  const seconds = r.duration;
  console.log(
    JSON.stringify({
      requests: r.requests.total,
      rps: r.requests.total / seconds,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      non2xx: r.non2xx,
      okSample,
      badSample,
    }),
  );
});
