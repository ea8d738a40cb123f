// A CHANGELOG.md entry (https://keepachangelog.com/en/1.1.0/) written from the
// structured report of scripts/lib/spec-diff.mjs, so no entry about the spec is
// ever typed by hand. Pure functions: the CLI (scripts/changelog.mjs) does the I/O.

/** The head of a new CHANGELOG.md. */
export const CHANGELOG_HEADER = `# Changelog

All notable changes to chirp-sdk are documented in this file.

The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and this project adheres to
[Semantic Versioning](https://semver.org/spec/v2.0.0.html) with the 0.x rule written in CONTRIBUTING.md.
Entries for spec updates are written by \`scripts/changelog.mjs\` from the \`spec:update\` report.

## [Unreleased]
`;

// "sendSms: response 402 added" → ["sendSms", "response 402 added"]; other shapes
// ("sendSms body.text: now required") name a place, not just an operation, and stay whole.
function splitOperation(id, line) {
  return line.startsWith(`${id}: `) ? line.slice(id.length + 2) : null;
}

const code = (s) => `\`${s}\``;

/** Lines for one section: changes shared by several operations are folded into one line. */
function fold(changed, pick) {
  const byText = new Map();
  const whole = [];
  for (const { id, items } of changed.map((c) => ({ id: c.id, items: pick(c) }))) {
    for (const line of items) {
      const rest = splitOperation(id, line);
      if (rest === null) whole.push(code(line));
      else byText.set(rest, [...(byText.get(rest) ?? []), id]);
    }
  }
  const folded = [...byText].map(([text, ids]) =>
    ids.length === 1
      ? `${code(ids[0])}: ${text}`
      : `${text[0].toUpperCase()}${text.slice(1)} on ${ids.length} operations: ${ids.map(code).join(", ")}`,
  );
  return [...folded, ...whole];
}

/** "operation sendSms" → Operation `sendSms`; "sendSms: header parameter X-Id" → `sendSms`: header parameter `X-Id`. */
function deprecatedLine(entry) {
  const kind = /^(operation|schema) (.+)$/.exec(entry);
  if (kind) return `${kind[1] === "operation" ? "Operation" : "Schema"} ${code(kind[2])}`;
  const param = /^(\S+): (\w+) parameter (.+)$/.exec(entry);
  return param ? `${code(param[1])}: ${param[2]} parameter ${code(param[3])}` : code(entry);
}

/** "oauth (oauth2, flows: clientCredentials)" → `oauth` (oauth2, flows: clientCredentials). */
function schemeLine(entry) {
  const at = entry.indexOf(" (");
  return at < 0 ? code(entry) : `${code(entry.slice(0, at))}${entry.slice(at)}`;
}

const isAddition = (line) => /(: | )(added|new |enum gained)/.test(line) || / added( |$)/.test(line);

/**
 * The entry for `version`: Added / Changed / Deprecated / Removed sections (Keep a
 * Changelog's names), every breaking change marked **Breaking**; error codes and
 * security schemes by name. `date` is YYYY-MM-DD; `source` names where the spec came from.
 */
export function changelogEntry(report, { version, date, source }) {
  const additions = (c) => c.changes.filter(isAddition);
  const others = (c) => c.changes.filter((x) => !isAddition(x));
  // Fields added to the report later; a report JSON from an older run has none of them.
  const codes = report.errorCodes ?? { added: [], removed: [] };
  const schemes = report.securitySchemes ?? { added: [], removed: [], changed: [] };
  const reach = new Map((report.schemaImpact ?? []).map((i) => [i.schema, i]));
  const schemaChanged = (name) => {
    const uses = reach.get(name);
    const where = uses ? ` (in ${uses.responses} responses of ${uses.operations} operations)` : "";
    return `Schema ${code(name)} changed${where}`;
  };
  const sections = {
    Added: [
      ...report.added.map((op) => `Operation ${code(op)}`),
      ...codes.added.map((c) => `Error code ${code(c)}`),
      ...schemes.added.map((s) => `Security scheme ${schemeLine(s)}`),
      ...fold(report.changed, additions),
      ...report.schemas.filter((s) => s.endsWith(": added")).map((s) => `Schema ${code(s.slice(0, -7))}`),
    ],
    Changed: [
      ...fold(report.changed, (c) => c.breaking).map((l) => `**Breaking:** ${l}`),
      ...fold(report.changed, others),
      ...schemes.changed.map((s) => `Security scheme ${code(s)} changed`),
      ...report.schemas.filter((s) => s.endsWith(": changed")).map((s) => schemaChanged(s.slice(0, -9))),
    ],
    Deprecated: (report.deprecated ?? []).map(deprecatedLine),
    Removed: [
      ...report.removed.map((op) => `**Breaking:** operation ${code(op)}`),
      ...codes.removed.map((c) => `**Breaking:** error code ${code(c)}`),
      ...schemes.removed.map((s) => `**Breaking:** security scheme ${code(s)}`),
      ...report.schemas.filter((s) => s.endsWith(": removed")).map((s) => `Schema ${code(s.slice(0, -9))}`),
    ],
  };
  const lines = [`## [${version}] - ${date}`, ""];
  const summary = report.breaking.length
    ? `${report.breaking.length} breaking change(s) in the API description.`
    : "No breaking change in the API description.";
  lines.push(`Spec update${source ? ` from ${code(source)}` : ""}. ${summary}`, "");
  for (const [title, items] of Object.entries(sections)) {
    if (!items.length) continue;
    lines.push(`### ${title}`, "", ...items.map((i) => `- ${i}`), "");
  }
  return lines.join("\n");
}

/**
 * `changelog` (or a new one) with `entry` placed above the newest released version,
 * so anything written by hand under "## [Unreleased]" stays there.
 */
export function insertEntry(changelog, entry) {
  const text = changelog?.trim() ? changelog : CHANGELOG_HEADER;
  if (!/^## \[Unreleased\]/m.test(text)) throw new Error('CHANGELOG.md has no "## [Unreleased]" heading');
  const block = `${entry.trimEnd()}\n`;
  const released = /^## \[\d/m.exec(text);
  if (!released) return `${text.trimEnd()}\n\n${block}`;
  return `${text.slice(0, released.index)}${block}\n${text.slice(released.index)}`;
}
