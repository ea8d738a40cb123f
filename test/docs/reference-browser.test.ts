// The built API reference as a reader sees it: Debian's Chromium (playwright-core, as the
// browser suite drives it) opens docs/api/ from a loopback server at 1280, 1440 and
// 1920 px and measures what the issue-20 reader saw go wrong:
// - boxes that overlap on the Error codes and Webhook events pages (a table under the
//   "On This Page" column, a cell's text spilling over its neighbour, a table that only
//   fits by scrolling);
// - link texts that read as a declaration reference (`"chirp-sdk".X:var`), on every page;
// - a `Chirp` page (and sidebar) whose methods are not grouped by the spec's tags.
//
// Which reference it opens: `npm run check` builds docs/api/ (`npm run docs`) before it
// runs the tests, so the test reuses that tree, but only when it is newer than every input
// of the build (src/, scripts/, the spec, README.md, package.json, the tsconfig and tsup
// config); otherwise it runs the build itself first. A stale tree is never measured.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "../fixtures/browser.js";
import { root } from "../pipeline/workspace.js";

const out = join(root, "docs/api");
const WIDTHS = [1280, 1440, 1920] as const;
const PAGES = { "Error codes": "documents/Error_codes.html", "Webhook events": "documents/Webhook_events.html" };
const CHIRP_PAGE = "classes/chirp-sdk.Chirp.html";
/** A link text that reads as a TypeDoc declaration reference: a quoted module name, or a `:kind` meaning. */
const REFERENCE_TEXT =
  /["'][\w@/-]+["']\.|:(class|interface|type|enum|namespace|function|var|constructor|member|event|call|new|index|complex|getter|setter)\b/;

const { methodGroups, specTags } = (await import(join(root, "scripts/lib/method-groups.mjs"))) as {
  methodGroups(spec: unknown): Map<string, string>;
  specTags(spec: unknown): { name: string }[];
};
const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The newest modification time among the inputs of `npm run docs`. */
function newestInput(): number {
  const inputs = [
    ...files(join(root, "src")),
    ...files(join(root, "scripts")),
    ...["openapi/openapi.json", "README.md", "package.json", "tsconfig.build.json", "tsup.config.ts"].map((f) =>
      join(root, f),
    ),
  ];
  return Math.max(...inputs.map((f) => statSync(f).mtimeMs));
}

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const index = join(out, "index.html");
  if (!existsSync(index) || statSync(index).mtimeMs < newestInput()) {
    const build = spawnSync(join(root, "node_modules/.bin/tsx"), ["scripts/docs.mjs"], {
      cwd: root,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(build.status, `npm run docs failed:\n${build.stdout}${build.stderr}`).toBe(0);
  }
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
  };
  server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = join(out, path);
    if (relative(out, file).startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(path: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.goto(base + path, { waitUntil: "load" });
  return page;
}

interface Layout {
  readonly tables: { readonly width: number; readonly scrollWidth: number }[];
  readonly problems: string[];
}

/** What overlaps on `page`: content boxes that reach into either side column, cells whose text spills, tables that scroll. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const box = (e: Element) => e.getBoundingClientRect();
    const visible = (r: DOMRect) => r.width > 0 && r.height > 0;
    const intersects = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const label = (e: Element) => `<${e.tagName.toLowerCase()}> "${(e.textContent ?? "").trim().slice(0, 40)}"`;
    const sides = [".site-menu", ".page-menu"]
      .map((s) => document.querySelector(s))
      .filter((e): e is Element => e !== null && visible(box(e)));
    const content = document.querySelector(".col-content");
    if (!content) return { tables: [], problems: ["no .col-content"] };
    // Boxes drawn with borders or backgrounds (tables, cells, code blocks) as laid out; text
    // blocks by the extent of their text (the theme hangs a heading's box, not its text, 24 px
    // into the gutters for its anchor icon). The side columns are sticky: horizontal overlap
    // with their box is overlap once the page scrolls.
    const text = (e: Element) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect();
    };
    for (const e of content.querySelectorAll("table, tr, td, th, pre, p, li, h1, h2, h3, h4")) {
      const r = /^(P|LI|H\d)$/.test(e.tagName) ? text(e) : box(e);
      if (!visible(r)) continue;
      for (const side of sides) {
        const s = box(side);
        if (r.left < s.right - 0.5 && s.left < r.right - 0.5)
          problems.push(`${label(e)} reaches into ${side.className}`);
      }
    }
    for (const cell of content.querySelectorAll("td, th")) {
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${label(cell)} spills out of its cell`);
      const row = [...(cell.parentElement?.children ?? [])];
      for (const other of row)
        if (other !== cell && intersects(box(cell), box(other)))
          problems.push(`${label(cell)} overlaps ${label(other)}`);
    }
    const tables = [...content.querySelectorAll("table")].map((t) => {
      if (t.scrollWidth > t.clientWidth + 1)
        problems.push(`a table is ${t.scrollWidth} px wide in ${t.clientWidth} px`);
      return { width: t.clientWidth, scrollWidth: t.scrollWidth };
    });
    return { tables, problems };
  });
}

describe("the built API reference in Chromium", () => {
  for (const [title, path] of Object.entries(PAGES)) {
    it.each(WIDTHS)(`${title}: nothing overlaps at %i px`, async (width) => {
      const page = await open(path, width);
      try {
        expect(await page.locator(".col-content h1").first().textContent()).toBe(title);
        const { tables, problems } = await measure(page);
        expect(tables.length).toBeGreaterThan(0);
        const widest = Math.max(...tables.map((t) => t.scrollWidth));
        console.info(
          `${title} @ ${width}px: ${tables.length} tables, widest ${widest} px in ${tables[0]?.width} px, ${problems.length} overlaps`,
        );
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it("the measurement sees an overlap: a table made wider than its column is reported", async () => {
    const page = await open(PAGES["Error codes"], 1280);
    try {
      await page.addStyleTag({ content: ".tsd-typography table { display: table; width: 1100px; max-width: none; }" });
      const { problems } = await measure(page);
      expect(problems.some((p) => p.includes("reaches into page-menu"))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("the link check knows the text the issue saw", () => {
    expect(REFERENCE_TEXT.test('"chirp-sdk".MessageUndeliverableError:var')).toBe(true);
    expect(REFERENCE_TEXT.test('"chirp-sdk".InvalidRequestError')).toBe(true);
    expect(REFERENCE_TEXT.test("MessageUndeliverableError")).toBe(false);
    expect(REFERENCE_TEXT.test("chirp.sendSms")).toBe(false);
  });

  it.each(["index.html", CHIRP_PAGE, ...Object.values(PAGES)])("%s: every link reads as a name", async (path) => {
    const page = await open(path, 1440);
    try {
      const texts = await page.locator(".col-content a").allInnerTexts();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((t) => REFERENCE_TEXT.test(t))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("no page of the reference has a link text that reads as a declaration reference", () => {
    const bad: string[] = [];
    let links = 0;
    for (const file of files(out)) {
      if (!file.endsWith(".html")) continue;
      for (const m of readFileSync(file, "utf8").matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) {
        links++;
        const text = (m[1] ?? "")
          .replace(/<[^>]+>/g, "")
          .replaceAll("&quot;", '"')
          .replaceAll("&#39;", "'");
        if (REFERENCE_TEXT.test(text)) bad.push(`${relative(out, file)}: ${text}`);
      }
    }
    expect(links).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });

  it("the Chirp page and its sidebar group the methods by the spec's tags, in the spec's order", async () => {
    const groups = methodGroups(spec);
    const counts = new Map<string, number>();
    for (const g of groups.values()) counts.set(g, (counts.get(g) ?? 0) + 1);
    const expected = ["Client", ...specTags(spec).map((t) => t.name)].filter((g) => g === "Client" || counts.has(g));
    const page = await open(CHIRP_PAGE, 1440);
    try {
      const index = await page.locator(".tsd-index-section").evaluateAll((sections) =>
        sections.map((s) => ({
          title: s.querySelector(".tsd-index-heading")?.textContent?.trim() ?? "",
          members: [...s.querySelectorAll(".tsd-index-link")].map((a) => a.textContent?.trim() ?? ""),
        })),
      );
      expect(index.map((s) => s.title)).toEqual(expected);
      for (const { title, members } of index) {
        if (title === "Client") continue;
        expect(members.length, title).toBe(counts.get(title));
        for (const m of members) expect(groups.get(m), m).toBe(title);
      }
      // The sidebar is drawn by the theme's script: Chirp's entry holds one folder per group.
      const chirp = page.locator(".site-menu summary", { has: page.locator('a[href$="chirp-sdk.Chirp.html"]') });
      await chirp.first().waitFor({ timeout: 30_000 });
      const sidebar = await chirp
        .first()
        .evaluate((summary) =>
          [...(summary.parentElement?.querySelectorAll(":scope > div > ul > li > details > summary") ?? [])].map(
            (s) => s.textContent?.trim() ?? "",
          ),
        );
      console.info(
        `Chirp page: ${index.length} groups (${index.map((s) => `${s.title} ${s.members.length}`).join(", ")}); sidebar: ${sidebar.length} groups`,
      );
      expect(sidebar).toEqual(expected);
    } finally {
      await page.close();
    }
  });
});
