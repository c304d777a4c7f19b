// Splits a streamed JSON array into the text of its object elements without parsing the
// whole document, so a 1M-document export is read in bounded memory. Only tracks nesting
// depth and strings; each element's text is handed out unchanged. Pure over its input.

export interface JsonElement {
  text: string;
  line: number; // 1-based line where the element starts
}

export async function* arrayElements(chunks: AsyncIterable<string>): AsyncGenerator<JsonElement> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let parts: string[] = [];
  let startLine = 1;
  for await (const chunk of chunks) {
    let from = depth >= 2 ? 0 : -1; // where the element being read starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === '\n') line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === '{' || c === '[') {
        depth++;
        if (depth === 2) {
          from = i;
          startLine = line;
        }
      } else if (c === '}' || c === ']') {
        depth--;
        if (depth === 1) {
          parts.push(chunk.slice(from, i + 1));
          yield { text: parts.join(''), line: startLine };
          parts = [];
          from = -1;
        }
      }
    }
    if (depth >= 2 && from >= 0) parts.push(chunk.slice(from));
  }
  if (parts.length > 0) yield { text: parts.join(''), line: startLine }; // truncated: the reader rejects it
}
