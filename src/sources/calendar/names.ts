// Window names of every calendar era → a clean display name, a kind and the patch limit.
// Eras (FORMATS.md §3): "Morning SWAT / Evening SWAT / European Mid-day SWAT (Max 8
// patches)" (≤2018, then 4, then 6); "European Mid-day / Morning / Evening backport
// window" (2020); "UTC morning / UTC evening / UTC late backport window" (2021); "UTC
// morning / afternoon / late backport window" and "… backport and config training"
// (2022+); "MediaWiki train - <version> Version"; security, puppet, infra windows. Pure.

export type WindowKind = 'backport' | 'swat' | 'train' | 'other';

export interface WindowName {
  name: string; // display name, markup removed
  kind: WindowKind;
  maxPatches: number | null;
  version: string | null; // train version named in the window, if any
}

const BACKPORT_WARNING = /Your patch may or may not be deployed at the sole discretion of the deployer/gi;
const MAX_PATCHES = /\(\s*max\.?\s*(\d+)\s*patch(?:es|sets)?\s*\)/i;
const TRAIN_VERSION = /(\d\.\d{1,2}\.\d{1,2}-wmf\.\d{1,2})/;

/** Wiki and HTML markup → plain text: [[a|b]] → b, [[a]] → a, [url text] → text, tags and ''' dropped. */
export function plainText(text: string): string {
  return text
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[(?:https?:)?\/\/\S+\s+([^\]]*)\]/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/'{2,}/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#039;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function classifyWindowName(raw: string): WindowName {
  const text = plainText(raw);
  const max = MAX_PATCHES.exec(text);
  const name = text.replace(MAX_PATCHES, '').replace(BACKPORT_WARNING, '').replace(/\s+/g, ' ').trim() || 'Unnamed window';
  const version = TRAIN_VERSION.exec(name)?.[1] ?? null;
  let kind: WindowKind = 'other';
  if (/\bSWAT\b/i.test(name)) kind = 'swat';
  else if (/backport/i.test(name)) kind = 'backport';
  else if (/^MediaWiki train\b/i.test(name)) kind = 'train';
  return { name, kind, maxPatches: max ? Number(max[1]) : null, version };
}

/** A key-friendly slug of a window name: "UTC late backport window" → "utc-late-backport-window". */
export function slugOfName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'window';
}

/** The window id: start minute in UTC and the name's slug, identical for every format of one window. */
export function windowId(start: Date, name: string): string {
  const t = start.toISOString();
  return `${t.slice(0, 10)}T${t.slice(11, 13)}${t.slice(14, 16)}Z-${slugOfName(name)}`;
}
