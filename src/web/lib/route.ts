// Hash routing: the page and its state live in the URL (#/deployments?kind=backport), so
// every view is a deep link and the back button works.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string;
  params: URLSearchParams;
  /** What follows the page in the hash path: `#/steward/mediawiki/extensions/Echo` → mediawiki/extensions/Echo. */
  path: string;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const i = h.indexOf('?');
  const full = i < 0 ? h : h.slice(0, i);
  const slash = full.indexOf('/');
  const page = (slash < 0 ? full : full.slice(0, slash)) || 'overview';
  const path = slash < 0 ? '' : full.slice(slash + 1).split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // a stray % stays as typed
    }
  }).join('/');
  return { page, path, params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)) };
}

export function href(page: string, params: Record<string, string | string[] | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== '') q.append(k, x);
  }
  const s = q.toString();
  return `#/${page}${s ? `?${s}` : ''}`;
}

export function navigate(page: string, params: Record<string, string | string[] | undefined> = {}): void {
  const next = href(page, params);
  if (location.hash !== next) location.hash = next;
}

/** Params of the current route as a plain object (last value wins). */
export function paramsObject(p: URLSearchParams): Record<string, string> {
  return Object.fromEntries(p.entries());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function entityHref(key: string): string {
  return href('entity', { key });
}

/** Sets the browser tab's title for this view: "<what> · shiplog". */
export function useTitle(what: string): void {
  useEffect(() => {
    document.title = what ? `${what} · shiplog` : 'shiplog';
  }, [what]);
}
