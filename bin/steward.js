#!/usr/bin/env node
// `npx steward`: runs the TypeScript CLI through tsx, so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
