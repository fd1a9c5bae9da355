// A jest setup file (setupFilesAfterEnv): registers toConverge for every test file, and being
// part of the TypeScript program, gives them its type too.
import 'bosun/testing';
