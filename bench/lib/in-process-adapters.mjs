// Adapters that call a server's operations as functions: { call(op, input) → reply, close() }.
// A string return value means "not available" and says why.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function dynaliteAdapter() {
  const db = require('dynalite/db');
  const validations = require('dynalite/validations');
  const store = db.create({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const cache = new Map();
  const load = (op) => {
    const name = validations.toLowerFirst(op);
    if (!cache.has(name)) cache.set(name, { action: require(`dynalite/actions/${name}`), validation: require(`dynalite/validations/${name}`) });
    return cache.get(name);
  };
  return {
    call(op, input) {
      const { action, validation } = load(op);
      const data = validations.checkTypes(input, validation.types);
      validations.checkValidations(data, validation.types, validation.custom, store);
      return new Promise((resolve, reject) => action(store, data, (err, out) => (err ? reject(err) : resolve(out))));
    },
    async waitActive() {
      await new Promise((r) => setTimeout(r, 50));
    },
  };
}

/**
 * Eddy has no public call-without-HTTP API yet, so this mirrors what the HTTP pipeline does after
 * parsing the body: the API model's shape checks, then the registered operation handler with a
 * request context (src/http/pipeline.ts). Uses the compiled dist/ (npm run build).
 */
async function eddyAdapter() {
  const dist = (p) => pathToFileURL(`${ROOT}dist/src/${p}`).href;
  if (!existsSync(`${ROOT}dist/src/index.js`)) return 'dist/ is missing (npm run build)';
  let startEddy, defaultTargets, compileModel, replyObject;
  try {
    ({ replyObject } = await import(dist('protocol/preserialized.js')));
    ({ startEddy } = await import(dist('index.js')));
    ({ defaultTargets } = await import(dist('server/targets.js')));
    ({ compileModel } = await import(dist('protocol/shape-validate.js')));
  } catch (err) {
    return `Eddy's modules could not be loaded: ${err.message.split('\n')[0]}`;
  }
  const eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
  const reg = defaultTargets().DynamoDB_20120810;
  const validate = compileModel(reg.model);
  let seq = 0;
  return {
    async call(op, input) {
      const handler = reg.operations[op];
      if (!handler) throw new Error(`UnknownOperation ${op}`);
      const ctx = {
        services: eddy.services,
        requestId: `inproc-${++seq}`,
        account: '000000000000',
        region: 'us-east-1',
        accessKeyId: 'AKIDEXAMPLE',
        namespace: 'AKIDEXAMPLE:us-east-1',
        operation: op,
      };
      return replyObject(await handler(ctx, validate(op, input))) ?? {};
    },
    close: () => eddy.stop(),
  };
}

export async function loadAdapter(impl) {
  if (impl === 'dynalite') return dynaliteAdapter();
  if (impl === 'eddy') return eddyAdapter();
  return `unknown implementation ${impl}`;
}
