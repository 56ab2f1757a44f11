/** Markdown to sanitized HTML on the calling thread; may be slow or throw on hostile input. */
export function renderMarkdownNow(text: string): string;
/** Text escaped for HTML element content and attribute values. */
export function escapeHtml(text: string): string;
