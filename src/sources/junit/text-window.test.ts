// The chunker's text window answers slices and "<" searches across the pieces it was read in
// exactly as one concatenated string would, and forgets pieces before a position.
import { describe, expect, it } from 'vitest';
import { TextWindow } from './text-window.ts';

function windowOf(pieces: string[]): TextWindow {
  const w = new TextWindow();
  for (const p of pieces) w.push(p);
  return w;
}

describe('TextWindow', () => {
  const text = '<a x="1">\r\n<b/><c>text</c></a>';
  const splits = [[text], [...text], ['<a x', '', '="1">\r', '\n<b/><c>te', 'xt</c></a>']];

  it('slices and searches like the concatenated text, whatever the pieces', () => {
    for (const pieces of splits) {
      const w = windowOf(pieces);
      expect(w.end).toBe(text.length);
      for (let start = 0; start <= text.length; start++) {
        for (let end = start; end <= text.length; end++) expect(w.slice(start, end)).toBe(text.slice(start, end));
      }
      for (let end = 0; end <= text.length; end++) expect(w.lastIndexOf('<', end)).toBe(end === 0 ? -1 : text.lastIndexOf('<', end - 1));
    }
  });

  it('forgets whole pieces before a position and keeps answering from there on', () => {
    const w = windowOf(['<a>', '<b/>', '<c/></a>']);
    w.dropBefore(5);
    expect(w.slice(5, 15)).toBe('/><c/></a>');
    expect(w.lastIndexOf('<', 15)).toBe(11);
    w.dropBefore(7);
    expect(w.slice(7, 15)).toBe('<c/></a>');
    expect(w.lastIndexOf('<', 7)).toBe(-1); // forgotten
    expect(w.end).toBe(15);
    expect(windowOf([]).slice(0, 0)).toBe('');
    expect(windowOf([]).lastIndexOf('<', 0)).toBe(-1);
  });
});
