import "server-only";

import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Nodes, Parents, Root as MdastRoot, RootContent, Text } from "mdast";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";

// Model outputs are untrusted. The pipeline never lets their markup through:
// raw HTML becomes visible text, images become text (no remote loads), unsafe
// links become text, and rehype-sanitize runs last as a second line of defence.

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
// Fence info strings end up in a class name; anything odder than a language
// name (`"onmouseover=…`, spaces, quotes) is dropped rather than escaped.
const SAFE_LANG = /^[\w+#.-]{1,40}$/;
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);
const LINK_REL = "noopener noreferrer nofollow";

export function isSafeHref(url: string): boolean {
  return SAFE_HREF.test(url);
}

/** Markdown to HTML for model outputs and guidelines. Safe to inject with dangerouslySetInnerHTML. */
export function renderMarkdown(text: string): string {
  return String(markdownProcessor.processSync(text));
}

/** For projects that opt out of markdown: the text exactly as written, escaped. */
export function renderPlainText(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n");
  return `<pre class="pw-plain whitespace-pre-wrap">${escapeHtml(normalised)}</pre>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function textNode(value: string): Text {
  return { type: "text", value };
}

// mdast's Parents is a union whose children arrays differ in element type, so
// TypeScript cannot type an in-place replacement; every caller passes a node
// valid where the old one stood (text in phrasing, paragraph in flow).
function replaceChild(parent: Parents, index: number, node: RootContent): void {
  (parent.children as RootContent[])[index] = node;
}

function sourceOf(node: Nodes, file: VFile): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return String(file.value).slice(start, end);
}

/** Turns raw HTML, images and unsafe links into literal text before they reach hast. */
function remarkInertUntrustedSyntax() {
  return (tree: MdastRoot, file: VFile) => {
    const definitions = new Map<string, string>();
    visit(tree, "definition", (node) => {
      definitions.set(node.identifier, node.url);
    });

    visit(tree, (node, index, parent) => {
      if (node.type === "code") {
        if (node.lang && !SAFE_LANG.test(node.lang)) {
          node.lang = null;
          node.meta = null;
        }
        return;
      }
      if (!parent || index === undefined) return;

      if (node.type === "html") {
        if (FLOW_PARENTS.has(parent.type)) {
          // A block of HTML keeps its line breaks so it reads as written.
          const lines = node.value.split("\n");
          const children = lines.flatMap((line, i) =>
            i === 0 ? [textNode(line)] : [{ type: "break" as const }, textNode(line)],
          );
          replaceChild(parent, index, { type: "paragraph", children });
        } else {
          replaceChild(parent, index, textNode(node.value));
        }
        return;
      }

      if (node.type === "image" || node.type === "imageReference") {
        const url = node.type === "image" ? node.url : (definitions.get(node.identifier) ?? "");
        const label = node.alt ? `image: ${node.alt}` : "image";
        replaceChild(parent, index, textNode(`[${label}](${url})`));
        return;
      }

      if (node.type === "link" || node.type === "linkReference") {
        const url = node.type === "link" ? node.url : definitions.get(node.identifier);
        if (url !== undefined && isSafeHref(url)) return;
        const source = sourceOf(node, file) ?? `${toPlain(node)} (${url ?? ""})`;
        replaceChild(parent, index, textNode(source));
        return [SKIP, index];
      }
    });
  };
}

function toPlain(node: Nodes): string {
  if ("value" in node) return node.value;
  if ("children" in node) return node.children.map((child) => toPlain(child)).join("");
  return "";
}

/**
 * Runs after sanitize: only http(s)/mailto anchors survive, and they open in a
 * new tab. Ids go too: two responses render side by side, so footnote ids
 * would repeat on the page and in-page links would jump into the wrong one.
 */
function rehypeIsolateFromPage() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node, index, parent) => {
      delete node.properties.id;
      if (node.tagName !== "a" || !parent || index === undefined) return;
      const href = node.properties.href;
      if (typeof href === "string" && isSafeHref(href)) {
        node.properties.rel = LINK_REL.split(" ");
        node.properties.target = "_blank";
        return;
      }
      // Footnote references keep their number; the bare "↩" back-links go.
      const replacement: ElementContent[] = isBackref(node) ? [] : node.children;
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index];
    });
  };
}

function isBackref(node: Element): boolean {
  return node.properties.dataFootnoteBackref !== undefined;
}

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Never emitted (images become text above); removed so nothing can load.
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== "img" && tag !== "picture" && tag !== "source"),
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-[\w+#.-]+$/, /^hljs$/]],
    span: [["className", /^hljs-[\w-]+$/]],
  },
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

const markdownProcessor = unified()
  .use(remarkParse)
  // Single tildes stay literal: models write "~5 minutes" far more often than strikethrough.
  .use(remarkGfm, { singleTilde: false })
  .use(remarkInertUntrustedSyntax)
  .use(remarkRehype)
  // Unknown languages only add a message to the file; auto-detect is off because it is slow.
  .use(rehypeHighlight, { detect: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeIsolateFromPage)
  .use(rehypeStringify)
  .freeze();
