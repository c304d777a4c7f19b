// The text the chunker still needs (from the start of the chunk being built on), kept as the
// pieces it was read in. Pieces are never concatenated: appending each 1 MiB read to one string
// and slicing it made V8 flatten megabytes per read, which cost more time than the XML parse
// of the chunk. Slices that span pieces are joined from the pieces' own slices. Pure.

export class TextWindow {
  private pieces: string[] = [];
  private starts: number[] = []; // absolute position of each piece's first character
  /** Absolute position just after the last piece: every character read so far. */
  end = 0;

  push(piece: string): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.starts.push(this.end);
    this.end += piece.length;
  }

  /** The text between two absolute positions, which must not be before the window. */
  slice(start: number, end: number): string {
    let out = '';
    for (let i = Math.max(0, this.pieceAt(start)); i < this.pieces.length && this.starts[i] < end; i++) {
      out += this.pieces[i].slice(Math.max(0, start - this.starts[i]), end - this.starts[i]);
    }
    return out;
  }

  /** Absolute position of the last `char` before `end`, or -1. */
  lastIndexOf(char: string, end: number): number {
    for (let i = this.pieceAt(end - 1); i >= 0; i--) {
      if (end - 1 < this.starts[i]) continue; // before the window (lastIndexOf would clamp to 0)
      const at = this.pieces[i].lastIndexOf(char, end - 1 - this.starts[i]);
      if (at !== -1) return this.starts[i] + at;
    }
    return -1;
  }

  /** Forgets the pieces that end at or before `position`. */
  dropBefore(position: number): void {
    let n = 0;
    while (n < this.pieces.length && this.starts[n] + this.pieces[n].length <= position) n++;
    if (n === 0) return;
    this.pieces.splice(0, n);
    this.starts.splice(0, n);
  }

  /** Index of the piece holding `position` (the first piece for positions before it; -1 when empty). */
  private pieceAt(position: number): number {
    let i = this.pieces.length - 1;
    while (i > 0 && this.starts[i] > position) i--;
    return i;
  }
}
