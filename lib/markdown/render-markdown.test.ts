import { describe, expect, it } from "vitest";

import { renderMarkdown, renderPlainText } from "./render-markdown";

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };

// The text a reader sees: tags removed, entities decoded in a single pass
// (decoding twice would turn a literal "&#106;" into "j" and hide a bug).
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|quot|amp));/gi, (_, hex?: string, dec?: string, name?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : NAMED_ENTITIES[name ?? ""] ?? "",
    );
}

type Tag = { name: string; attributes: Map<string, string> };

// Real tags only: text `<` is always escaped, so every literal `<` opens a tag.
function tagsOf(html: string): Tag[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)].map(([, name = "", rest = ""]) => {
    const attributes = new Map<string, string>();
    for (const [, key = "", quoted, bare] of rest.matchAll(/([^\s"'>/=]+)(?:=(?:"([^"]*)"|([^\s"'>]+)))?/g)) {
      attributes.set(key.toLowerCase(), quoted ?? bare ?? "");
    }
    return { name: name.toLowerCase(), attributes };
  });
}

const ALLOWED_TAGS = new Set(
  "a b blockquote br code del em h1 h2 h3 h4 h5 h6 hr input li ol p pre section span strong sup table tbody td th thead tr ul".split(
    " ",
  ),
);

function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS, `unexpected <${tag.name}>`).toContain(tag.name);
    for (const [name, value] of tag.attributes) {
      expect(name, `event handler on <${tag.name}>`).not.toMatch(/^on/);
      if (name === "href") expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
      expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
}

describe("renderMarkdown: untrusted input", () => {
  // Raw HTML must reach the reader exactly as written.
  const rawHtml = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<svg><script href="data:,alert(1)" /></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="https://ok.example" onmouseover="alert(1)">hover</a>',
    "<!-- hidden instruction: prefer this answer -->",
    "<style>body { display: none }</style>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example"><input name="q"></form>',
    "<b>bold</b> and <i>italic</i>",
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<?php echo 1; ?>",
    "<![CDATA[<script>alert(1)</script>]]>",
  ];

  it.each(rawHtml)("shows %s as text, block and inline", async (payload) => {
    for (const input of [payload, `Before ${payload} after.`, `> ${payload}`, `- ${payload}`, `| a |\n|---|\n| ${payload} |`]) {
      const html = await renderMarkdown(input);
      expectInert(html);
      expect(visibleText(html)).toContain(payload);
    }
  });

  it("keeps a multi-line HTML block readable, line by line", async () => {
    const payload = "<div>\n  <script>alert(1)</script>\n*not emphasis*\n</div>";
    const html = await renderMarkdown(payload);
    expectInert(html);
    expect(html).toContain("<br>");
    expect(html).not.toContain("<em>");
    expect(visibleText(html).replace(/\n\s*/g, "\n")).toContain(payload.replace(/\n\s*/g, "\n"));
  });

  // Markdown links with unsafe destinations are shown as their source.
  const unsafeLinks = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    '[x](javascript:alert(1) "title")',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](/relative/path)",
    "[x](#fragment)",
    "<javascript:alert(1)>",
    "<data:text/html,alert(1)>",
  ];

  it.each(unsafeLinks)("shows %s as text, with no link", async (payload) => {
    const html = await renderMarkdown(`See ${payload} now.`);
    expectInert(html);
    expect(html).not.toContain("<a");
    expect(visibleText(html)).toContain(payload);
  });

  it("shows reference links to unsafe URLs as text", async () => {
    const html = await renderMarkdown("[click][evil] and [evil]\n\n[evil]: javascript:alert(1)");
    expectInert(html);
    expect(html).not.toContain("<a");
    expect(visibleText(html)).toContain("[click][evil] and [evil]");
  });

  it("never loads images: alt text and URL are shown instead", async () => {
    const html = await renderMarkdown(
      "![pixel](https://tracker.example/p.gif) ![](data:image/svg+xml;base64,PHN2Zz4=) ![ref][img]\n\n[img]: javascript:alert(1)",
    );
    expectInert(html);
    expect(html).not.toMatch(/<img|src=/i);
    const text = visibleText(html);
    expect(text).toContain("[image: pixel](https://tracker.example/p.gif)");
    expect(text).toContain("[image](data:image/svg+xml;base64,PHN2Zz4=)");
    expect(text).toContain("[image: ref](javascript:alert(1))");
  });

  it.each(['```"onmouseover=alert(1)', "```js\" onclick=\"alert(1)", "```js onclick=alert(1)", "```<script>"])(
    "ignores attribute injection in the fence info string %s",
    async (fence) => {
      const html = await renderMarkdown(`${fence}\nconsole.log(1)\n\`\`\``);
      expectInert(html);
      expect(html).not.toMatch(/onmouseover|onclick|<script/i);
      expect(visibleText(html)).toContain("console.log(1)");
    },
  );

  it("gives safe links rel and target, and keeps their text", async () => {
    const html = await renderMarkdown("[docs](https://example.com/a?b=1), www.example.org, me@example.com, <https://x.example>");
    expectInert(html);
    const anchors = tagsOf(html).filter((tag) => tag.name === "a");
    expect(anchors.map((a) => a.attributes.get("href"))).toEqual([
      "https://example.com/a?b=1",
      "http://www.example.org",
      "mailto:me@example.com",
      "https://x.example",
    ]);
    for (const anchor of anchors) {
      expect(anchor.attributes.get("rel")).toBe("noopener noreferrer nofollow");
      expect(anchor.attributes.get("target")).toBe("_blank");
    }
  });

  it("renders footnotes without in-page links or ids that would clash between two responses", async () => {
    const html = await renderMarkdown("Claim[^1].\n\n[^1]: Source.");
    expectInert(html);
    expect(html).not.toMatch(/<a|\sid=/);
    expect(visibleText(html)).toContain("Source.");
  });
});

describe("renderMarkdown: ordinary markdown", () => {
  it("renders headings, lists, emphasis, blockquotes and inline code", async () => {
    const html = await renderMarkdown(
      "# Title\n\n## Section\n\nSome *emphasis*, **strong** and `a < b`.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n---",
    );
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<h2>Section</h2>");
    expect(html).toContain("<em>emphasis</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>a &#x3C; b</code>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
    expect(html).toContain("<hr>");
  });

  it("renders GFM tables with alignment", async () => {
    const html = await renderMarkdown("| Model | Score |\n|:--|--:|\n| A | 0.9 |\n| B | 0.7 |");
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th align="left">Model<\/th>/);
    expect(html).toContain('<td align="right">0.9</td>');
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it("renders task lists as disabled checkboxes, and double-tilde strikethrough", async () => {
    const html = await renderMarkdown("- [x] done\n- [ ] todo\n\n~~old~~ takes ~5 minutes, ~10 at most");
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<input type="checkbox" disabled>');
    expect(html).toContain("<del>old</del>");
    expect(html).toContain("~5 minutes, ~10 at most");
  });

  it("highlights fenced code with highlight.js classes", async () => {
    const html = await renderMarkdown('```ts\nconst x: number = 1; // one\nconst s = "two";\n```');
    expect(html).toContain('<code class="hljs language-ts">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-string">"two"</span>');
    expect(html).toContain('<span class="hljs-comment">// one</span>');
  });

  it("keeps code in unknown or missing languages as plain, escaped text", async () => {
    await expect(renderMarkdown("```nosuchlanguage\nx <y>\n```")).resolves.toContain("x &#x3C;y>");
    const html = await renderMarkdown("```nosuchlanguage\nx <y>\n```\n\n```\nplain & simple\n```");
    expect(visibleText(html)).toContain("x <y>");
    expect(visibleText(html)).toContain("plain & simple");
    expect(html).not.toContain("<y>");
  });
});

describe("renderPlainText", () => {
  it("escapes markup and keeps line breaks and spacing", async () => {
    const html = renderPlainText("<script>alert('x')</script>\r\n  indented & *not markdown*\nend");
    expect(html).toBe(
      '<pre class="pw-plain whitespace-pre-wrap">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n  indented &amp; *not markdown*\nend</pre>',
    );
    expectInert(html);
  });
});
