// The GitHub Actions workflows cannot run here, so they are checked two ways: against
// the Actions schema with action-validator (a maintained validator from npm, run as
// CI runs it), and for the commands they must call — all real work lives in scripts
// that other tests run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./workspace.js";

const dir = join(root, ".github/workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
// Comment lines dropped: the assertions are about what runs, not what the header says.
const text = (name: string) =>
  readFileSync(join(dir, name), "utf8")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n");

function validate(path: string) {
  const r = spawnSync(join(root, "node_modules/.bin/action-validator"), [path], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("GitHub Actions workflows", () => {
  it("are ci.yml, spec-sync.yml and release.yml", () => {
    expect(files.sort()).toEqual(["ci.yml", "release.yml", "spec-sync.yml"]);
  });

  it.each(files)("%s is valid against the GitHub Actions schema", (name) => {
    const r = validate(join(dir, name));
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("the validator fails a broken workflow (a job without runs-on, an unknown job key)", () => {
    const tmp = mkdtempSync(join(tmpdir(), "chirp-workflow-"));
    try {
      const broken = join(tmp, "broken.yml");
      writeFileSync(broken, "on: push\njobs:\n  x:\n    steps:\n      - run: echo hi\n");
      const r = validate(broken);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain("/jobs/x/runs-on");
      writeFileSync(broken, text("ci.yml").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    stepz: []"));
      expect(validate(broken).status).not.toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("ci.yml runs what .ci/run runs, on Node 20, 22 and 24", () => {
    const ci = text("ci.yml");
    expect(ci).toMatch(/on:\n {2}push:\n {2}pull_request:/);
    expect(ci).toContain("node: [20, 22, 24]");
    const run = readFileSync(join(root, ".ci/run"), "utf8");
    const packages = [...run.matchAll(/need\+=\(([\w-]+)\)/g)].map((m) => m[1] ?? "");
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of packages) expect(ci).toMatch(new RegExp(`apt-get install [^\\n]*\\b${pkg}\\b`));
    for (const command of ["npm ci", "npm run check", "node scripts/ci-summary.mjs test-results.json"]) {
      expect(run).toContain(command);
      expect(ci).toContain(command);
    }
  });

  it("spec-sync.yml calls the spec:sync script and opens or updates one labelled pull request", () => {
    const sync = text("spec-sync.yml");
    expect(sync).toMatch(/schedule:\n\s+- cron:/);
    expect(sync).toMatch(/workflow_dispatch:\n\s+inputs:\n\s+url:/);
    expect(sync).toContain('npm run spec:sync -- --from "$SPEC_URL"');
    expect(sync).toContain('--verify "npm run check"');
    expect(sync).toContain('gh pr create --head "$BRANCH"');
    expect(sync).toContain('--body-file "$REPORT"');
    expect(sync).toContain("--add-label breaking");
    // Outputs are read from the step spec-sync writes them for.
    for (const output of ["changed", "branch", "report", "version", "breaking"]) {
      expect(sync).toContain(`steps.sync.outputs.${output}`);
    }
  });

  it.each(files)("%s checks out nothing beside the repository (it stands alone)", (name) => {
    expect(text(name)).not.toMatch(/CHIRP_SHARED_REPO|\.\.\/shared|repository: \$\{\{/);
  });

  it("release.yml publishes with provenance on a version tag, after npm run check", () => {
    const release = text("release.yml");
    expect(release).toMatch(/tags:\n\s+- "v\*\.\*\.\*"/);
    expect(release).toContain("id-token: write");
    const install = release.indexOf("- run: npm ci");
    const check = release.indexOf("- run: npm run check");
    const pack = release.indexOf("run: npm pack");
    const publish = release.indexOf("- run: npm publish --provenance");
    expect(install).toBeGreaterThan(0);
    expect(check).toBeGreaterThan(install);
    expect(pack).toBeGreaterThan(check);
    expect(publish).toBeGreaterThan(pack);
    // The tarball npm pack wrote (its package.json without scripts), not the directory.
    expect(release).toMatch(/npm publish --provenance --access public "chirp-sdk-\$\{GITHUB_REF_NAME#v\}\.tgz"/);
  });

  it("release.yml publishes the API reference npm run check built to GitHub Pages, after npm publish", () => {
    const release = text("release.yml");
    const publish = release.indexOf("- run: npm publish --provenance");
    const upload = release.indexOf("uses: actions/upload-pages-artifact@v4");
    expect(upload).toBeGreaterThan(publish);
    expect(release.slice(upload)).toMatch(/^uses: actions\/upload-pages-artifact@v4\n\s+with:\n\s+path: docs\/api\n/);
    // Deployed by a job of its own that waits for the publish job and may write Pages.
    const job = release.slice(release.indexOf("\n  reference:\n"));
    expect(job).toContain("needs: publish");
    expect(job).toMatch(/permissions:\n(\s+[\w-]+: \w+\n)*\s+pages: write\n/);
    expect(job).toMatch(/permissions:\n(\s+[\w-]+: \w+\n)*\s+id-token: write\n/);
    expect(job).toMatch(/environment:\n\s+name: github-pages\n/);
    expect(job).toContain("uses: actions/deploy-pages@v4");
    // The reference is built by npm run docs inside npm run check, which the README links to.
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.check).toContain("npm run docs");
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("https://chirp.github.io/chirp-sdk/");
  });
});
