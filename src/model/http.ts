// An HTTP endpoint of the bot besides the Bot Framework one (an export download, an alert run, the
// health check), as plain data: teams/server.ts mounts every route on the one server, so no feature
// touches restify or a request object.

export interface HttpRequest {
  /** The path's named parts, e.g. `id` of `/api/exports/:id`. */
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
}

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as it is (with its own content-type header)… */
  body?: string;
  /** …or as JSON. */
  json?: unknown;
}

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Never throws for a caller's mistake; whatever it throws is logged and answered 500. */
  handle(request: HttpRequest): Promise<HttpAnswer>;
}
