import "server-only";

import type { Element, Root as HastRoot } from "hast";
import type {
  ImageReference,
  LinkReference,
  Nodes,
  Paragraph,
  Parents,
  PhrasingContent,
  Root as MdastRoot,
  RootContent,
  Text,
} from "mdast";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// Model outputs are untrusted. The pipeline never lets their markup through:
// raw HTML becomes visible text, images become text (no remote loads), unsafe
// links become text, and rehype-sanitize runs last as a second line of defence.

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
// Fence info strings end up in a class name; anything odder than a language
// name (`"onmouseover=…`, spaces, quotes) is dropped rather than escaped.
const SAFE_LANG = /^[\w+#.-]{1,40}$/;
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);
const LINK_REL = ["noopener", "noreferrer", "nofollow"];

function isSafeHref(url: string): boolean {
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

/**
 * Turns raw HTML, images and unsafe links into literal text before they reach
 * hast. A plain walk rather than unist-util-visit, because nodes are replaced
 * in place while their parent's children are being iterated.
 */
function remarkInertUntrustedSyntax() {
  return (tree: MdastRoot, file: { value: unknown }) => {
    const source = String(file.value);
    const definitions = new Map<string, string>();
    const references: Array<{ node: LinkReference | ImageReference; parent: Parents; index: number }> = [];

    const walk = (parent: Parents): void => {
      const children = parent.children as RootContent[];
      for (let index = 0; index < children.length; index++) {
        const node = children[index]!;
        switch (node.type) {
          case "definition":
            definitions.set(node.identifier, node.url);
            break;
          case "code":
            if (node.lang && !SAFE_LANG.test(node.lang)) {
              node.lang = null;
              node.meta = null;
            }
            break;
          case "html":
            children[index] = inertHtml(node.value, FLOW_PARENTS.has(parent.type));
            break;
          case "image":
            children[index] = inertImage(node.alt, node.url);
            break;
          case "link":
            if (!isSafeHref(node.url)) children[index] = textNode(sourceOf(node, source));
            else walk(node);
            break;
          case "imageReference":
          case "linkReference":
            // Definitions may come later in the document; resolve after the walk.
            references.push({ node, parent, index });
            if (node.type === "linkReference") walk(node);
            break;
          default:
            if ("children" in node) walk(node);
        }
      }
    };
    walk(tree);

    // Replacements are one node for one node, so the recorded indices still hold.
    for (const { node, parent, index } of references) {
      const url = definitions.get(node.identifier) ?? "";
      const children = parent.children as RootContent[];
      if (node.type === "imageReference") children[index] = inertImage(node.alt, url);
      else if (!isSafeHref(url)) children[index] = textNode(sourceOf(node, source));
    }
  };
}

// Raw HTML is shown exactly as written. A block keeps its line breaks so it
// reads as it was typed; inline HTML stays inline.
function inertHtml(value: string, isFlow: boolean): Paragraph | Text {
  if (!isFlow) return textNode(value);
  const children: PhrasingContent[] = [];
  value.split("\n").forEach((line, i) => {
    if (i > 0) children.push({ type: "break" });
    children.push(textNode(line));
  });
  return { type: "paragraph", children };
}

// Remote images are never loaded: a tracking pixel would leak the annotator's IP.
function inertImage(alt: string | null | undefined, url: string): Text {
  return textNode(`[${alt ? `image: ${alt}` : "image"}](${url})`);
}

// An unsafe link is shown as its markdown source, so the reader sees the URL.
function sourceOf(node: Nodes, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) return source.slice(start, end);
  return "url" in node ? node.url : "";
}

/**
 * Runs after sanitize: only http(s)/mailto anchors survive, and they open in a
 * new tab. Ids go too: two responses render side by side, so footnote ids
 * would repeat on the page and in-page links would jump into the wrong one.
 */
function rehypeIsolateFromPage() {
  const walk = (parent: HastRoot | Element): void => {
    const children = parent.children;
    for (let index = 0; index < children.length; index++) {
      const node = children[index]!;
      if (node.type !== "element") continue;
      delete node.properties.id;
      if (node.tagName === "a") {
        const href = node.properties.href;
        if (typeof href === "string" && isSafeHref(href)) {
          node.properties.rel = LINK_REL;
          node.properties.target = "_blank";
        } else {
          // Footnote references keep their number; the bare "↩" back-links go.
          children.splice(index, 1, ...(isBackref(node) ? [] : node.children));
          index--;
          continue;
        }
      }
      walk(node);
    }
  };
  return (tree: HastRoot) => walk(tree);
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
