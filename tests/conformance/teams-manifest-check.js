// Validates a Teams app manifest against the JSON schema Microsoft publishes for its manifestVersion, as shipped in
// Microsoft's @microsoft/app-manifest package (draft-04 schemas, hence ajv-draft-04).
// Usage: node teams-manifest-check.js <manifest.json>. Prints { schema, errors: [...] } and exits 1 when invalid.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const manifestPath = process.argv[2];
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, ''));
const version = manifest.manifestVersion;
const schemaFile = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
if (!fs.existsSync(schemaFile)) {
  console.log(JSON.stringify({ schema: null, errors: [{ message: `no published schema for manifestVersion ${version}` }] }));
  process.exit(1);
}
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
const valid = validate(manifest);
console.log(JSON.stringify({
  schema: `teams/v${version}/MicrosoftTeams.schema.json`,
  errors: (validate.errors || []).map(e => ({ path: e.instancePath, message: e.message, params: e.params })),
}));
process.exit(valid ? 0 : 1);
