#!/usr/bin/env node
// Entry point for `npx labline …`: runs the TypeScript CLI through tsx's loader, so no build step
// stands between a fresh clone and a running server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
