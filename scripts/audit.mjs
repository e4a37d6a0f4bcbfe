// Dependency checks run first by `npm test` (README, Security):
//  1. `npm audit --omit=dev`: fails on any high or critical advisory for a production dependency.
//     Where the advisory endpoint cannot be reached (offline, a proxy, a mirror that answers the
//     bulk POST with 405), it says so in one line and does not fail: that is the network, not the
//     code. The checks below still run.
//  2. Offline: package-lock.json is committed, in sync with package.json (every range of the tree
//     satisfied by the lockfile, as `npm ci` requires), and every production package in it comes
//     from https://registry.npmjs.org with a sha512 integrity hash.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const REGISTRY = 'https://registry.npmjs.org/';
/** Bounds the advisory request, so that a network that drops packets cannot stall the tests. */
const AUDIT_TIMEOUT_MS = 15_000;

const failures = [];
const notes = [];

function run(command, args, timeout = 30_000) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    error: result.error,
  };
}

/** The last meaningful line npm wrote to stderr (its own config warnings left out). */
function npmReason(stderr) {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/Unknown (user|env|project) config/.test(line));
  return lines.find((line) => /^npm (error|ERR!|warn audit)/.test(line)) ?? lines.at(-1) ?? '';
}

// 1. Advisories.
let advisories;
const audit = run('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], AUDIT_TIMEOUT_MS);
let report = null;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (counts !== undefined) {
  const high = counts.high ?? 0;
  const critical = counts.critical ?? 0;
  advisories = `${critical} critical, ${high} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`;
  console.log(`audit: npm audit --omit=dev: ${advisories}`);
  if (high + critical > 0) {
    for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
      if (entry.severity === 'high' || entry.severity === 'critical') {
        // `via` holds the advisories themselves, or the names of the vulnerable packages pulled in.
        const via = (entry.via ?? []).map((v) => (typeof v === 'string' ? v : v.title)).join('; ');
        console.log(`audit:   ${entry.severity}: ${name} (${via})`);
      }
    }
    failures.push(`${critical + high} high or critical advisories (npm audit fix, or update)`);
  }
} else {
  const why =
    audit.error?.code === 'ETIMEDOUT'
      ? `no answer within ${AUDIT_TIMEOUT_MS / 1000} s`
      : (report?.message ?? report?.error?.summary ?? npmReason(audit.stderr)) ||
        `npm audit exited with ${audit.status}`;
  advisories = 'not checked (advisory endpoint unreachable)';
  console.log(
    `audit: npm audit could not be run on this network (${why}); not a failure, the offline checks still run`,
  );
}

// 2a. The lockfile is committed.
const tracked = run('git', ['ls-files', '--error-unmatch', 'package-lock.json']);
if (tracked.error !== undefined || /not a git repository/.test(tracked.stderr)) {
  notes.push('not a git checkout, so whether package-lock.json is committed is unchecked');
} else if (tracked.status !== 0) {
  failures.push('package-lock.json is not committed');
} else if (run('git', ['diff', '--quiet', 'HEAD', '--', 'package-lock.json']).status !== 0) {
  notes.push('package-lock.json has uncommitted changes');
}

// 2b. In sync with package.json: the root's declared ranges as npm ci compares them, then every
// edge of the tree read from the lockfile alone (node_modules plays no part).
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const root = lock.packages?.[''];
if (root === undefined) {
  failures.push(`package-lock.json has no packages map (lockfileVersion ${lock.lockfileVersion})`);
} else {
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const declared = manifest[field] ?? {};
    const locked = root[field] ?? {};
    for (const name of new Set([...Object.keys(declared), ...Object.keys(locked)])) {
      if (declared[name] !== locked[name]) {
        failures.push(
          `${field}.${name} is ${declared[name] ?? 'absent'} in package.json but ${locked[name] ?? 'absent'} in package-lock.json (run npm install)`,
        );
      }
    }
  }
}
const tree = run('npm', ['ls', '--package-lock-only', '--all', '--json']);
if (tree.status !== 0) {
  let problems = [];
  try {
    problems = JSON.parse(tree.stdout).problems ?? [];
  } catch {
    problems = [npmReason(tree.stderr)];
  }
  failures.push(`the lockfile does not satisfy the dependency ranges: ${problems.join('; ')}`);
}

// 2c. Production packages: from the public registry, each with a sha512 integrity hash. This
// project's lockfile may omit `resolved` (omit-lockfile-registry-resolved); such a package comes
// from the configured registry, which must then be the public one.
const configured = run('npm', ['config', 'get', 'registry']).stdout.trim();
const registryOk = configured === REGISTRY || configured === REGISTRY.slice(0, -1);
let production = 0;
const unresolved = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (path === '' || entry.dev === true || entry.inBundle === true) continue;
  production += 1;
  const name = path.replace(/^.*node_modules\//, '');
  if (entry.link === true || !path.startsWith('node_modules/')) {
    failures.push(`${name} is not a registry package (${path})`);
    continue;
  }
  if (entry.resolved !== undefined && !entry.resolved.startsWith(REGISTRY)) {
    failures.push(`${name} resolves from ${entry.resolved}, not ${REGISTRY}`);
  }
  if (entry.resolved === undefined && !registryOk) unresolved.push(name);
  if (!/(^|\s)sha512-[A-Za-z0-9+/]+={0,2}(\s|$)/.test(entry.integrity ?? '')) {
    failures.push(`${name}@${entry.version} has no sha512 integrity hash`);
  }
}
if (unresolved.length > 0) {
  failures.push(
    `${unresolved.length} production packages (${unresolved.slice(0, 3).join(', ')}, …) have no resolved URL and the configured registry is ${configured}, not ${REGISTRY}`,
  );
}

for (const note of notes) console.log(`audit: note: ${note}`);
for (const failure of failures) console.log(`audit: FAIL: ${failure}`);
console.log(
  failures.length === 0
    ? `audit: ok: advisories ${advisories}; lockfile committed and in sync; ${production} production packages from ${REGISTRY} with sha512 integrity`
    : `audit: ${failures.length} failed (above); advisories ${advisories}`,
);
process.exit(failures.length === 0 ? 0 : 1);
