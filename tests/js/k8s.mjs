#!/usr/bin/env node
// Checks docker/k8s without a cluster: every document of every manifest against the Kubernetes API's JSON schema
// (npm kubernetes-models), and the kustomization listing every manifest. kubectl's own dry run needs an API server.
//
// Env: K8S_DIR (required) the folder of manifests. Exit 0 when all hold, 1 with each problem on stderr.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const dir = process.env.K8S_DIR;
if (!dir) {
  console.error('k8s: K8S_DIR is required');
  process.exit(2);
}

const problems = [];
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const manifests = files.filter((f) => f !== 'kustomization.yaml');
let checked = 0;
for (const file of manifests) {
  for (const document of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
    if (document.errors.length > 0) {
      problems.push(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null) continue;
    const where = `${file}: ${manifest.kind}/${manifest.metadata?.name}`;
    try {
      const module = await import(`kubernetes-models/${manifest.apiVersion}/${manifest.kind}`);
      new module[manifest.kind](manifest).validate();
      checked++;
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
  }
}

const kustomization = files.includes('kustomization.yaml') ? (parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0].toJS() ?? {}) : {};
for (const file of manifests) {
  if (!(kustomization.resources ?? []).includes(file)) problems.push(`kustomization.yaml does not list ${file}`);
}

for (const problem of problems) console.error(problem);
console.log(`${checked} documents in ${manifests.length} files valid against the Kubernetes schema; ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
