// The plain request/response shapes that signers transform and the HTTP client sends.

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  /** Full URL, query included exactly as it goes on the wire. */
  url: URL;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Exact body bytes as a UTF-8 string; undefined for no body. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}
