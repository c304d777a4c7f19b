// Filter inputs bound to the URL: each change rewrites the hash, so the view is a link.
// Dates are typed as YYYY-MM-DD (UTC), checked with the API's own reader, so a bad one
// is refused here with the same words the API would use.
import { useState } from 'preact/hooks';
import { notADate, parseUtcTime } from '../../model/time.ts';
import { navigate, paramsObject, type Route } from '../lib/route.ts';

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'select';
  options?: string[];
  /** The value used when the URL has none (shown selected, and what the page uses). */
  default?: string;
  placeholder?: string;
}

/** A YYYY-MM-DD text field: a bad date is refused here, in the API's words, and never reaches the URL. */
export function DateInput({ field, value, set }: { field: Pick<Field, 'name'>; value: string; set: (v: string) => void }) {
  const [text, setText] = useState(value);
  const [bad, setBad] = useState<string | undefined>();
  const commit = (v: string) => {
    const t = v.trim();
    if (t && !parseUtcTime(t)) {
      setBad(`${field.name}: ${notADate(t)}`);
      return;
    }
    setBad(undefined);
    if (t !== value) set(t);
  };
  return (
    <>
      <input name={field.name} type="text" inputMode="numeric" size={11} value={text} placeholder="YYYY-MM-DD" aria-invalid={bad ? 'true' : undefined}
        title="a date, YYYY-MM-DD (UTC)"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={(e) => commit((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit((e.target as HTMLInputElement).value); }} />
      {bad && <span class="field-error" role="alert">{bad}</span>}
    </>
  );
}

export function Filters({ route, fields }: { route: Route; fields: Field[] }) {
  const current = paramsObject(route.params);
  const set = (name: string, value: string) => navigate(route.page, { ...current, [name]: value || undefined, cursor: undefined });
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}{f.type === 'date' ? ' (UTC)' : ''}
          {f.type === 'select' ? (
            <select name={f.name} value={current[f.name] ?? f.default ?? f.options?.[0] ?? ''} onChange={(e) => set(f.name, (e.target as HTMLSelectElement).value)}>
              {(f.options ?? []).map((o) => <option key={o} value={o}>{o || '(any)'}</option>)}
            </select>
          ) : f.type === 'date' ? (
            <DateInput key={`${f.name}=${current[f.name] ?? ''}`} field={f} value={current[f.name] ?? ''} set={(v) => set(f.name, v)} />
          ) : (
            <input name={f.name} type="text" value={current[f.name] ?? ''} placeholder={f.placeholder}
              onChange={(e) => set(f.name, (e.target as HTMLInputElement).value)} />
          )}
        </label>
      ))}
    </form>
  );
}
