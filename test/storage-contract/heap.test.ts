import { openHeapEngine } from '../../src/storage/memory/heap-engine.js';
import { runStorageContract } from './contract.js';

runStorageContract('heap (in memory)', async () => openHeapEngine());
