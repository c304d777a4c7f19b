// GET /api/ui-config once per page load: the base URLs entities link out to. The page
// renders once it has answered (so no link points at the wrong system for a moment);
// if it cannot answer, Wikimedia's defaults apply, as in the config's defaults.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api.ts';
import { type LinkBases, WIKIMEDIA } from './links.ts';

let bases: LinkBases = WIKIMEDIA;
let loading: Promise<LinkBases> | undefined;

export function loadLinkBases(): Promise<LinkBases> {
  loading ??= getJson<{ links: LinkBases }>('/api/ui-config').then(
    (c) => (bases = { ...WIKIMEDIA, ...c.links }),
    () => bases,
  );
  return loading;
}

export function useLinkBases(): LinkBases {
  const [b, setB] = useState(bases);
  useEffect(() => {
    let live = true;
    void loadLinkBases().then((x) => live && setB(x));
    return () => {
      live = false;
    };
  }, []);
  return b;
}
