/**
 * Rendered HTML by a hash of the markdown, least recently used first out,
 * bounded by the characters it holds (keys and values). A response is then
 * parsed once per process however often it is shown, and a response that
 * blew the time budget costs that budget once, not on every request.
 */
export class RenderCache {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): string | undefined {
    const html = this.entries.get(key);
    if (html === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes this entry the most recent.
    this.entries.delete(key);
    this.entries.set(key, html);
    return html;
  }

  set(key: string, html: string): void {
    const cost = key.length + html.length;
    if (cost > this.maxChars / 4) return; // one huge entry would flush everything else
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.size -= key.length + previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, html);
    this.size += cost;
    for (const [oldest, value] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(oldest);
      this.size -= oldest.length + value.length;
    }
  }

  get chars(): number {
    return this.size;
  }
}
