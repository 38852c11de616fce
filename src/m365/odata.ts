// OData pieces for Graph URLs: string literals (quotes doubled) and query strings whose values are
// percent-encoded ('+' and '#' and '&' in a UPN must not change the query's meaning).

/** `O'Brien` → `'O''Brien'` for `$filter=displayName eq 'O''Brien'`. Encode the whole query afterwards. */
export function odataString(value: string): string {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Builds `?$select=a,b&$top=999` with each value percent-encoded (space as %20, never '+'). */
export function odataQuery(params: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${key}=${encodeQueryValue(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** encodeURIComponent, keeping the characters OData expressions read more easily and that are safe in a query value. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%24/g, '$').replace(/%3A/g, ':').replace(/%2F/g, '/');
}

/** A path segment: `/users/{this}`. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
