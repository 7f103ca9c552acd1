/**
 * What the catalog needs from an HTTP client: a JSON answer for a request, or a thrown error with a
 * readable message. PowerSchoolClient's `getJson` fits as it is; tests may pass anything that does.
 */
export interface CatalogTransport {
  getJson(path: string, options?: CatalogRequestOptions): Promise<unknown>;
}

export interface CatalogRequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}
