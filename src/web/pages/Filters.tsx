// Filter inputs bound to the URL: each change rewrites the hash, so the view is a link.
import { navigate, paramsObject, type Route } from '../lib/route.ts';

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'select';
  options?: string[];
  placeholder?: string;
}

export function Filters({ route, fields }: { route: Route; fields: Field[] }) {
  const current = paramsObject(route.params);
  const set = (name: string, value: string) => navigate(route.page, { ...current, [name]: value || undefined, cursor: undefined });
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.type === 'select' ? (
            <select name={f.name} value={current[f.name] ?? f.options?.[0] ?? ''} onChange={(e) => set(f.name, (e.target as HTMLSelectElement).value)}>
              {(f.options ?? []).map((o) => <option key={o} value={o}>{o || '(any)'}</option>)}
            </select>
          ) : (
            <input name={f.name} type={f.type === 'date' ? 'date' : 'text'} value={current[f.name] ?? ''} placeholder={f.placeholder}
              onChange={(e) => set(f.name, (e.target as HTMLInputElement).value)} />
          )}
        </label>
      ))}
    </form>
  );
}
