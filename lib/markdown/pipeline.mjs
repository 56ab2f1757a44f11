// @ts-check
/**
 * The markdown pipeline for untrusted text (model outputs, guidelines), as a
 * plain ES module so that both the server bundle and the render worker
 * (render-worker.mjs, started by render-pool.ts outside any bundler) load the
 * very same code. Types: pipeline.d.mts.
 *
 * Model outputs are untrusted. The pipeline never lets their markup through:
 * raw HTML becomes visible text, images become text (no remote loads), unsafe
 * links become text, and rehype-sanitize runs last as a second line of defence.
 */
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
// Fence info strings end up in a class name; anything odder than a language
// name (`"onmouseover=…`, spaces, quotes) is dropped rather than escaped.
const SAFE_LANG = /^[\w+#.-]{1,40}$/;
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);
const LINK_REL = ["noopener", "noreferrer", "nofollow"];

/** @param {string} url */
function isSafeHref(url) {
  return SAFE_HREF.test(url);
}

/**
 * Markdown to sanitized HTML, synchronously, on the calling thread. Can take
 * seconds (or throw "Maximum call stack size exceeded") on hostile input:
 * servers call renderMarkdown (render-markdown.ts), which runs it on a worker
 * with a time budget.
 * @param {string} text
 * @returns {string}
 */
export function renderMarkdownNow(text) {
  return String(markdownProcessor.processSync(text));
}

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** @param {string} value */
function textNode(value) {
  return { type: "text", value };
}

/**
 * Turns raw HTML, images and unsafe links into literal text before they reach
 * hast. A plain walk rather than unist-util-visit, because nodes are replaced
 * in place while their parent's children are being iterated.
 */
function remarkInertUntrustedSyntax() {
  /** @param {any} tree @param {{ value: unknown }} file */
  return (tree, file) => {
    const source = String(file.value);
    /** @type {Map<string, string>} */
    const definitions = new Map();
    /** @type {Array<{ node: any; parent: any; index: number }>} */
    const references = [];

    /** @param {any} parent */
    const walk = (parent) => {
      const children = parent.children;
      for (let index = 0; index < children.length; index++) {
        const node = children[index];
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
      const children = parent.children;
      if (node.type === "imageReference") children[index] = inertImage(node.alt, url);
      else if (!isSafeHref(url)) children[index] = textNode(sourceOf(node, source));
    }
  };
}

// Raw HTML is shown exactly as written. A block keeps its line breaks so it
// reads as it was typed; inline HTML stays inline.
/** @param {string} value @param {boolean} isFlow */
function inertHtml(value, isFlow) {
  if (!isFlow) return textNode(value);
  /** @type {object[]} */
  const children = [];
  value.split("\n").forEach((line, i) => {
    if (i > 0) children.push({ type: "break" });
    children.push(textNode(line));
  });
  return { type: "paragraph", children };
}

// Remote images are never loaded: a tracking pixel would leak the annotator's IP.
/** @param {string | null | undefined} alt @param {string} url */
function inertImage(alt, url) {
  return textNode(`[${alt ? `image: ${alt}` : "image"}](${url})`);
}

// An unsafe link is shown as its markdown source, so the reader sees the URL.
/** @param {any} node @param {string} source */
function sourceOf(node, source) {
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
  /** @param {any} parent */
  const walk = (parent) => {
    const children = parent.children;
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
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
  /** @param {any} tree */
  return (tree) => walk(tree);
}

/** @param {any} node */
function isBackref(node) {
  return node.properties.dataFootnoteBackref !== undefined;
}

const sanitizeSchema = {
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
  .use(rehypeSanitize, /** @type {any} */ (sanitizeSchema))
  .use(rehypeIsolateFromPage)
  .use(rehypeStringify)
  .freeze();
