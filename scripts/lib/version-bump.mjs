// Which version a spec change ships as. The rule CONTRIBUTING states, in one place:
//   1.0.0 and later: a breaking change → major; an operation added → minor; anything else → patch.
//   0.x (today):     a breaking change → minor (semver gives 0.x no stable API, and a
//                    0.x minor is what npm's ^0.y ranges refuse to float over); anything else → patch.

/**
 * True when the report lists no change at all (nothing to release). The fields after
 * `schemas` came later: a report written before them (JSON from an older run) has none.
 */
export function isEmptyReport(report) {
  const more = [
    report.errorCodes?.added,
    report.errorCodes?.removed,
    report.securitySchemes?.added,
    report.securitySchemes?.removed,
    report.securitySchemes?.changed,
    report.deprecated,
  ];
  return (
    !report.added.length &&
    !report.removed.length &&
    !report.changed.length &&
    !report.schemas.length &&
    more.every((list) => !list?.length)
  );
}

/** The semver bump a spec-update report calls for: "major", "minor", "patch", or null for no change. */
export function bumpFor(version, report) {
  if (isEmptyReport(report)) return null;
  const major = Number(parseVersion(version)[0]);
  if (major === 0) return report.breaking.length ? "minor" : "patch";
  if (report.breaking.length) return "major";
  return report.added.length ? "minor" : "patch";
}

function parseVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a plain semver version (x.y.z): ${version}`);
  return m.slice(1).map(Number);
}

/** `version` bumped by `kind` ("major" | "minor" | "patch"). */
export function bumpVersion(version, kind) {
  const [major, minor, patch] = parseVersion(version);
  if (kind === "major") return `${major + 1}.0.0`;
  if (kind === "minor") return `${major}.${minor + 1}.0`;
  if (kind === "patch") return `${major}.${minor}.${patch + 1}`;
  throw new Error(`unknown bump ${kind}`);
}
