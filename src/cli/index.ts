#!/usr/bin/env node
// The build compiles with no ambient types (the element's code must not see Node's); this entry and its modules are Node's.
/// <reference types="node" />
/**
 * `npx remote-support-consent <command>`: the package's command line (`bin`),
 * for vendors: terms digests and integrity values, schema checks, and offline
 * verification of a consent or an evidence file. See `--help`.
 */
import { main } from './main.js';

const { exitCode, stdout, stderr } = await main(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = exitCode;
