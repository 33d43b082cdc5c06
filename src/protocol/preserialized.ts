/**
 * Responses whose JSON text is (partly) known already, so the pipeline need not rebuild it.
 *
 * GetItem and Query return stored items verbatim when no projection applies. The stored text is
 * exactly `JSON.stringify(item)` (written by `itemChangeWrites`), so splicing it into the response
 * gives the same bytes as parsing and re-serializing it. GetItem returns a `SerializedReply`
 * (in-process callers use `replyObject`); Query and Scan return an ordinary object whose `Items`
 * parse on first access (read-reply.ts), with the body's text under a symbol that only
 * `serializeResponse` reads (`attachSerialized`).
 */
const SERIALIZED: unique symbol = Symbol('eddy.serializedBody');

/**
 * A reply whose JSON text is all there is: the cheapest form (one small object, no accessors),
 * for the hottest replies (GetItem). The pipeline writes `json`; in-process callers turn it into
 * the ordinary reply object with `replyObject` (which builds it with `build`, parsing on demand).
 */
export class SerializedReply {
  constructor(
    readonly json: string | Buffer,
    private readonly build: () => Record<string, unknown>,
  ) {}

  toObject(): Record<string, unknown> {
    return this.build();
  }
}

/** An operation's result as the ordinary reply object (for callers that do not go through HTTP). */
export function replyObject(result: unknown): unknown {
  return result instanceof SerializedReply ? result.toObject() : result;
}

interface WithSerialized {
  [SERIALIZED]?: string | Buffer;
}

/**
 * Attaches the JSON text of `body` (the caller guarantees it parses to the same value as
 * JSON.stringify(body) would give), as a string or as its UTF-8 bytes. Call it last: later changes
 * to `body` are not seen.
 */
export function attachSerialized<T extends object>(body: T, json: string | Buffer): T {
  Object.defineProperty(body, SERIALIZED, { value: json, enumerable: false, configurable: true, writable: true });
  return body;
}

/**
 * The response body's JSON text (or its UTF-8 bytes): the attached text when there is one, else
 * JSON.stringify.
 */
export function serializeResponse(body: unknown): string | Buffer {
  if (body instanceof SerializedReply) return body.json;
  if (body !== null && typeof body === 'object') {
    const text = (body as WithSerialized)[SERIALIZED];
    if (text !== undefined) return text;
  }
  return JSON.stringify(body);
}
