/**
 * The request pipeline's view of HTTP, shared by the two front ends: the lean HTTP/1.1 fast path
 * (`fast-http.ts`) and node:http (`node-adapter.ts`), which takes every connection the fast path
 * does not handle itself. Handlers never see either front end's objects.
 */

/** Header names in lower case; a value is the header's text with surrounding whitespace trimmed. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface HttpRequest {
  readonly method: string;
  /** The request target as sent, e.g. `/` or `/?X-Amz-Algorithm=…`. */
  readonly url: string;
  readonly headers: RequestHeaders;
}

/** Response header values; names are sent as given. */
export type ReplyHeaders = Record<string, string | number>;

export interface HttpReply {
  /** Sends the whole response (status, headers, body) at once. A second call is ignored. */
  send(status: number, headers: ReplyHeaders, body: string | Buffer | undefined): void;
  /** True once `send` has run (or the connection is gone). */
  readonly sent: boolean;
  /** Drops the connection without a response (used only when a response cannot be written). */
  destroy(): void;
}

/** Called once per request with the complete body. */
export type HttpHandler = (req: HttpRequest, reply: HttpReply, body: Buffer) => void;

/** Header value as one string (node:http gives arrays only for set-cookie, never for requests we read). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
