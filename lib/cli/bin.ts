#!/usr/bin/env node
/**
 * @module
 * The `bosun` executable: connects {@link runCli} to the Node process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliIo } from './run';
import { simulateSources } from './simulate';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  env: process.env,
  readStdin: () => fs.readFileSync(0, 'utf8'),
  writeFile: (file, text) => {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  },
};

// exitCode rather than exit(): lets stdout drain when it is a pipe.
process.exitCode = runCli(process.argv.slice(2), io, simulateSources);
