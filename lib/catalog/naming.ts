// Backstage's naming rules (what its FieldFormatEntityPolicy enforces through the Kubernetes-style
// validator functions): the JSON Schemas only say "string", these say which strings.

const inLength = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;

/** metadata.name: 1–63 chars, `[A-Za-z0-9]` at both ends, `-_.` allowed inside. */
export function isValidEntityName(v: unknown): boolean {
  return inLength(v, 63) && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(v);
}

/** A DNS label (RFC 1123): what metadata.namespace must be. */
export function isValidDnsLabel(v: unknown): boolean {
  return inLength(v, 63) && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v);
}

export const isValidNamespace = isValidDnsLabel;

/** A DNS subdomain: dot-separated DNS labels, ≤ 253 chars. */
export function isValidDnsSubdomain(v: unknown): boolean {
  return inLength(v, 253) && v.split('.').every(isValidDnsLabel);
}

function isValidPrefixAndOrSuffix(v: unknown, isPrefix: (s: string) => boolean, isSuffix: (s: string) => boolean): boolean {
  if (typeof v !== 'string') return false;
  const parts = v.split('/');
  if (parts.length === 1) return isSuffix(parts[0]);
  if (parts.length === 2) return isPrefix(parts[0]) && isSuffix(parts[1]);
  return false;
}

/** Label and annotation keys: `[dns-subdomain/]name`, e.g. `backstage.io/techdocs-ref`. */
export function isValidLabelKey(v: unknown): boolean {
  return isValidPrefixAndOrSuffix(v, isValidDnsSubdomain, isValidEntityName);
}

export const isValidAnnotationKey = isValidLabelKey;

/** Label values: empty, or shaped like a name. */
export function isValidLabelValue(v: unknown): boolean {
  return v === '' || isValidEntityName(v);
}

/** Annotation values: any string. */
export function isValidAnnotationValue(v: unknown): boolean {
  return typeof v === 'string';
}

/** Tags: 1–63 chars of `[a-z0-9+#]`, words joined by single `-`. */
export function isValidTag(v: unknown): boolean {
  return inLength(v, 63) && /^[a-z0-9+#]+(-[a-z0-9+#]+)*$/.test(v);
}

/** kind: a letter, then letters and digits. */
export function isValidKind(v: unknown): boolean {
  return inLength(v, 63) && /^[a-zA-Z][a-z0-9A-Z]*$/.test(v);
}

/** apiVersion: `[dns-subdomain/]version`, e.g. `backstage.io/v1alpha1`. */
export function isValidApiVersion(v: unknown): boolean {
  return isValidPrefixAndOrSuffix(v, isValidDnsSubdomain, (s) => inLength(s, 63) && /^[a-z0-9A-Z]+$/.test(s));
}

/** links[].url: anything the WHATWG URL parser accepts as absolute. */
export function isValidUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}
