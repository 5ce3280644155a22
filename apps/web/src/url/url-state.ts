/**
 * The URL holds what a shared link must reopen: the group and the selected process.
 * Pods read as `?ns=default&pod=xwing`, hosts and containers as `?group=host/node-1`,
 * and the selection as `&exec=<exec_id>`.
 */
import { groupKey, parseGroupKey } from '@exectree/domain';

export interface Route {
  group: string | null;
  exec: string | null;
}

function value(params: URLSearchParams, name: string): string | null {
  const v = params.get(name);
  return v === null || v === '' ? null : v;
}

export function decodeRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const ns = value(params, 'ns');
  const pod = value(params, 'pod');
  const exec = value(params, 'exec');
  let group: string | null = null;
  if (ns !== null && pod !== null) {
    group = groupKey({ kind: 'pod', namespace: ns, name: pod });
  } else {
    const raw = value(params, 'group');
    if (raw !== null && parseGroupKey(raw)) group = raw;
  }
  return { group, exec };
}

/** Percent-encodes a query value, leaving the characters ids and keys use readable. */
function encodeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%3D/gi, '=');
}

/** The search string ("" or "?…") for a route. */
export function encodeRoute(route: Route): string {
  const parts: string[] = [];
  const ref = route.group === null ? undefined : parseGroupKey(route.group);
  if (ref?.kind === 'pod') {
    parts.push(`ns=${encodeValue(ref.namespace)}`, `pod=${encodeValue(ref.name)}`);
  } else if (ref && route.group !== null) {
    parts.push(`group=${encodeValue(route.group)}`);
  }
  if (route.exec !== null) parts.push(`exec=${encodeValue(route.exec)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.group === b.group && a.exec === b.exec;
}
