#!/usr/bin/env node
// Removes what an earlier, killed test run left on an engine, so that run cannot fail this one.
//
// A test that is killed mid-way (a session that ends, a Ctrl-C) never reaches its afterAll: its
// containers, volumes, networks and slot claim stay on the engine, labelled with the temp folder it
// ran in. The next run of the same test then meets a slot "held on this engine by the checkout at
// /tmp/…" — devslot's refusal is right, and the test fails on it.
//
// This is test hygiene, not product behaviour: devslot itself never infers ownership from a folder
// being gone. Here it is sound because only test checkouts live in the temp folder: what carries a
// devslot root (or claim root) inside os.tmpdir() whose folder no longer exists is a dead test's.
// With --before-suite (CI, where nothing of the suite runs yet), every root inside os.tmpdir() is:
// a killed run leaves its temp folder behind too. Everything else is left alone.
// Usage: node test/sweep-debris.mjs [--before-suite]   (DOCKER_HOST picks the engine)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sep } from 'node:path';

const TMP = tmpdir().replace(/\/+$/, '') + sep;
const docker = (args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
const lines = (s) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const beforeSuite = process.argv.includes('--before-suite');
const dead = (root) => root.startsWith(TMP) && (beforeSuite || !existsSync(root));

/** Each object of one kind as [name or id, its labels], from inspect's JSON (Docker and Podman alike). */
function objects(kind) {
  const ids = lines(docker(kind === 'container' ? ['ps', '-a', '-q', '--no-trunc'] : [kind, 'ls', '-q']));
  if (!ids.length) return [];
  const all = JSON.parse(docker(kind === 'container' ? ['inspect', ...ids] : [kind, 'inspect', ...ids]));
  return all.map((o) => [kind === 'container' ? o.Id : o.Name, (kind === 'container' ? o.Config?.Labels : o.Labels) ?? {}]);
}

const projects = new Set();
const containers = [];
for (const [id, labels] of objects('container')) {
  const root = labels['dev.devslot.root'];
  if (root && dead(root)) {
    containers.push(id);
    if (labels['com.docker.compose.project']) projects.add(labels['com.docker.compose.project']);
  }
}
const ofDeadProject = (labels) => projects.has(labels['com.docker.compose.project']);
const volumes = objects('volume')
  .filter(([, l]) => (l['dev.devslot.claim.root'] && dead(l['dev.devslot.claim.root'])) || ofDeadProject(l))
  .map(([n]) => n);
const networks = objects('network').filter(([, l]) => ofDeadProject(l)).map(([n]) => n);

if (containers.length) docker(['rm', '-f', '-v', ...containers]);
for (const n of networks) docker(['network', 'rm', n]);
if (volumes.length) docker(['volume', 'rm', '-f', ...volumes]);
const total = containers.length + networks.length + volumes.length;
process.stdout.write(
  total
    ? `[sweep] removed what killed test runs left on ${process.env.DOCKER_HOST || 'the default engine'}: ${containers.length} containers, ${networks.length} networks, ${volumes.length} volumes (projects: ${[...projects].join(', ') || '-'})\n`
    : `[sweep] nothing left by killed test runs on ${process.env.DOCKER_HOST || 'the default engine'}\n`,
);
