import { useBackend } from '../src/backend/index.js';

await useBackend('wasm');
