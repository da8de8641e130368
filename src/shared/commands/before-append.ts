/**
 * What must be stored before a request's command appends its events, if anything: the access log's pending entry
 * of a write (docs/adr/0021), so that a write committed is logged whatever happens to the request afterwards. If it
 * fails, nothing is appended.
 */
export type BeforeAppend = () => Promise<void>;

const registered = new WeakMap<object, BeforeAppend>();

export function setBeforeAppend(request: object, work: BeforeAppend): void {
  registered.set(request, work);
}

export function beforeAppendOf(request: object): BeforeAppend | undefined {
  return registered.get(request);
}
